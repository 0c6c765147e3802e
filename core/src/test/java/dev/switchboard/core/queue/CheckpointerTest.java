package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void committedPagesReachTheDatabaseFileWhileTheQueueIsOpen() throws Exception {
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(dir, 3, new Backoff(1_000, 60_000))) {
            Path db = dir.resolve(SqliteMessageQueue.FILE_NAME);
            long before = Files.size(db);
            // WHEN a few megabytes are committed (the writer itself never checkpoints)
            List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
            String body = "x".repeat(2_000);
            for (int i = 0; i < 2_000; i++) {
                sent.add(queue.enqueueAsync(
                        UnifiedMessage.text(Sender.system("test"), "Agent-" + (i % 8), body, Priority.NORMAL, null)));
            }
            for (CompletableFuture<QueuedMessage> f : sent) {
                f.get();
            }
            // THEN the background checkpoint copies them from the log into the database file
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (Files.size(db) < before + 2_000L * 2_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.size(db) >= before + 2_000L * 2_000, "database file has " + Files.size(db) + " bytes");
            assertEquals(2_000, queue.stats().count(MessageState.QUEUED));
        }
        // AND the queue reopens with everything in it
        try (SqliteMessageQueue again = SqliteMessageQueue.open(dir, 3, new Backoff(1_000, 60_000))) {
            assertEquals(2_000, again.stats().count(MessageState.QUEUED));
        }
    }
}
