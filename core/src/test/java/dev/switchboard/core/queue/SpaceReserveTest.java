package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue on a real full disk (a small tmpfs, mounted as root): once a write fails for want of space, the
 * space kept in reserve lets the outcome of a delivery in progress be written, while new messages and claims
 * are refused as "disk full"; with room again, all of it works as before.
 */
@Timeout(120)
class SpaceReserveTest {
    private static final long RESERVE = 256 * 1024;

    @TempDir
    Path dir;

    private Path disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            exec("umount", "-l", disk.toString());
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static UnifiedMessage message(String body) {
        return UnifiedMessage.text(Sender.system("test"), "Agent-1", body, Priority.NORMAL, null);
    }

    @Test
    void theOutcomeOfADeliveryInProgressIsWrittenOnAFullDiskAndNewWorkIsRefusedUntilThereIsRoom() throws Exception {
        Path at = dir.resolve("disk");
        Files.createDirectories(at);
        boolean mounted;
        try {
            mounted = exec("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", at.toString()) == 0;
        } catch (IOException e) {
            mounted = false;
        }
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): the full disk test did not run");
        disk = at;

        try (SqliteMessageQueue queue = new SqliteMessageQueue(
                disk, 1_000, new Backoff(1, 1), java.time.Clock.systemUTC(), new java.util.Random(1))) {
            queue.keepSpaceReserve(RESERVE);
            assertEquals(RESERVE, Files.size(disk.resolve(SpaceReserve.FILE_NAME)));
            // GIVEN a message being delivered
            String inFlight = queue.enqueue(message("in flight")).id();
            assertEquals(
                    inFlight,
                    queue.claimNext("Agent-1", "w", Duration.ofHours(1))
                            .orElseThrow()
                            .id());

            // WHEN the disk fills up, until the queue cannot write even a small change
            Path filler = disk.resolve("filler");
            fill(filler);
            QueueException full = null;
            for (int i = 0; i < 100_000 && full == null; i++) {
                try {
                    queue.pause("Agent-2", "test");
                    queue.resume("Agent-2", "test");
                } catch (QueueException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the queue never filled up");
            assertTrue(full.getMessage().startsWith("disk full"), full.getMessage());

            // THEN the delivery's outcome is written all the same: it does not sit in DELIVERING
            assertEquals(
                    MessageState.RETRY_WAIT,
                    queue.markFailed(inFlight, "No space left on device", false).state());
            // AND new work is refused as "disk full", with nothing stored
            QueueException refused = assertThrows(QueueException.class, () -> queue.enqueue(message("refused")));
            assertTrue(
                    refused.getMessage().startsWith("disk full")
                            && refused.getMessage().contains("nothing was" + " stored"),
                    refused.getMessage());
            assertThrows(QueueException.class, () -> queue.claimNext("Agent-1", "w", Duration.ofHours(1)));
            assertFalse(
                    queue.list(java.util.List.of(), null, 100).stream()
                            .anyMatch(q -> q.message().body().equals("refused")),
                    "refused, yet stored");

            // WHEN there is room again, THEN the reserve is taken back and everything works as before
            Files.delete(filler);
            String after = queue.enqueue(message("after")).id();
            assertEquals(RESERVE, Files.size(disk.resolve(SpaceReserve.FILE_NAME)));
            QueuedMessage retried =
                    queue.claimNext("Agent-1", "w", Duration.ofHours(1)).orElseThrow();
            assertEquals(inFlight, retried.id());
            queue.markDelivered(inFlight, "inbox", true, null);
            assertEquals(
                    after,
                    queue.claimNext("Agent-1", "w", Duration.ofHours(1))
                            .orElseThrow()
                            .id());
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
    }
}
