package dev.switchboard.core.resilience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A full disk (or quota) told from other write failures: the one that ends by itself when space returns. */
class DiskFullTest {
    @Test
    void aFullDiskIsToldFromOtherWriteFailures() {
        assertTrue(DiskFull.causedBy(
                new java.nio.file.FileSystemException("/ws/Agent-1/inbox/x.tmp", null, "No space left on device")));
        assertTrue(DiskFull.causedBy(new IOException("No space left on device")));
        assertTrue(DiskFull.causedBy(new IOException("write failed", new IOException("Disk quota exceeded"))));
        assertFalse(
                DiskFull.causedBy(new java.nio.file.FileSystemException("/ws/Agent-1/inbox", null, "Not a directory")));
        assertFalse(DiskFull.causedBy(new java.nio.file.AccessDeniedException("/ws/Agent-1/inbox")));
    }
}
