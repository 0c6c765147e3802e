package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the queue does with the file it is given: a missing file is a new queue, an emptied one is not. */
class QueueFileTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void anEmptyQueueFileIsRefusedWithOneLineThatSaysHowToStartFresh() throws IOException {
        // GIVEN a queue.db truncated to 0 bytes (its messages are gone; nobody said so)
        Path db = dir.resolve(SqliteMessageQueue.FILE_NAME);
        Files.createFile(db);

        // WHEN the queue is opened
        QueueException e = assertThrows(QueueException.class, () -> QueueFixture.open(dir, clock, 3));

        // THEN it is refused in one line that names the file and the way to start over, and the file is kept
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(
                e.getMessage().contains(db.toString())
                        && e.getMessage().contains("is empty (0 bytes)")
                        && e.getMessage().contains("move it aside"),
                e.getMessage());
        assertEquals(0, Files.size(db));
    }

    @Test
    void aMissingQueueFileIsAFreshStart() {
        try (SqliteMessageQueue queue = QueueFixture.open(dir.resolve("new"), clock, 3)) {
            assertEquals(0, queue.lastEventSeq());
        }
        assertTrue(Files.exists(dir.resolve("new").resolve(SqliteMessageQueue.FILE_NAME)));
    }

    @Test
    void aDataFolderThatIsAFileIsNamedAsSuch() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "not a folder");

        QueueException e = assertThrows(QueueException.class, () -> QueueFixture.open(file, clock, 3));

        assertEquals(
                "the data folder " + file + " is a file, not a folder: set data_dir to a folder, or move the"
                        + " file aside",
                e.getMessage());
    }
}
