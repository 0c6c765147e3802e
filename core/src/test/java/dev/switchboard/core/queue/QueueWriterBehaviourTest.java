package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueWriterBehaviourTest {
    @TempDir
    Path dir;

    private static UnifiedMessage message(String agent) {
        return UnifiedMessage.text(Sender.system("test"), agent, "hello", Priority.NORMAL, null);
    }

    private SqliteMessageQueue open() {
        return SqliteMessageQueue.open(dir, 3, new Backoff(1_000, 60_000));
    }

    @Test
    void anIdleQueueDoesNotLockOutAnotherProcess() {
        // GIVEN the service's queue, idle after a write
        try (SqliteMessageQueue service = open()) {
            service.enqueue(message("Agent-1"));
            // WHEN the CLI opens the same data and writes (the service's writer holds no lock while idle)
            try (SqliteMessageQueue cli = open()) {
                QueuedMessage sent = cli.enqueue(message("Agent-2"));
                cli.markRead(
                        service.claimNext("Agent-1", "w", Duration.ofSeconds(30))
                                .map(q -> {
                                    service.markDelivered(q.id(), "inbox", true, null);
                                    return q.id();
                                })
                                .orElseThrow(),
                        "cli ack");
                // THEN both processes' writes are there
                assertEquals(
                        MessageState.QUEUED,
                        service.find(sent.id()).orElseThrow().state());
                assertEquals(1, service.stats().count(MessageState.READ));
            }
            // AND the service still writes afterwards
            service.enqueue(message("Agent-3"));
            assertEquals(2, service.stats().count(MessageState.QUEUED));
        }
    }

    @Test
    void aFailingOperationRollsBackAloneAndTheRestOfItsBatchCommits() throws Exception {
        try (SqliteMessageQueue queue = open()) {
            UnifiedMessage first = message("Agent-1");
            queue.enqueue(first);
            // WHEN many enqueues are in flight together, one of them a duplicate id (a constraint violation)
            List<CompletableFuture<QueuedMessage>> ok = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ok.add(queue.enqueueAsync(message("Agent-2")));
            }
            CompletableFuture<QueuedMessage> duplicate = queue.enqueueAsync(first);
            for (int i = 0; i < 50; i++) {
                ok.add(queue.enqueueAsync(message("Agent-3")));
            }
            // THEN only the duplicate fails, with nothing of it written, and every other message is committed
            ExecutionException e = assertThrows(ExecutionException.class, duplicate::get);
            assertTrue(
                    e.getCause().getMessage().contains("UNIQUE"), e.getCause().toString());
            for (CompletableFuture<QueuedMessage> f : ok) {
                assertEquals(MessageState.QUEUED, f.get().state());
            }
            assertEquals(101, queue.stats().count(MessageState.QUEUED));
            assertEquals(1, queue.history(first.id()).size());
        }
    }

    @Test
    void anIllegalTransitionFailsAloneAndLeavesTheMessageAsItWas() {
        try (SqliteMessageQueue queue = open()) {
            QueuedMessage m = queue.enqueue(message("Agent-1"));
            assertThrows(RuntimeException.class, () -> queue.markDelivered(m.id(), "inbox", true, null));
            assertEquals(MessageState.QUEUED, queue.find(m.id()).orElseThrow().state());
            assertEquals(1, queue.history(m.id()).size());
            // AND the writer goes on
            assertTrue(queue.claimNext("Agent-1", "w", Duration.ofSeconds(30)).isPresent());
        }
    }

    @Test
    void claimBatchTakesTheNextMessagesInDeliveryOrderUnderOneLease() {
        try (SqliteMessageQueue queue = open()) {
            List<String> normal = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                normal.add(queue.enqueue(message("Agent-1")).id());
            }
            String urgent = queue.enqueue(
                            UnifiedMessage.text(Sender.system("test"), "Agent-1", "now", Priority.URGENT, null))
                    .id();
            queue.enqueue(message("Agent-2"));

            List<QueuedMessage> first = queue.claimBatch("Agent-1", "w", Duration.ofSeconds(30), 3);
            assertEquals(
                    List.of(urgent, normal.get(0), normal.get(1)),
                    first.stream().map(QueuedMessage::id).toList());
            assertTrue(first.stream().allMatch(q -> q.state() == MessageState.DELIVERING && q.attempts() == 1));
            List<QueuedMessage> rest = queue.claimBatch("Agent-1", "w", Duration.ofSeconds(30), 32);
            assertEquals(
                    normal.subList(2, 4), rest.stream().map(QueuedMessage::id).toList());
            assertEquals(List.of(), queue.claimBatch("Agent-1", "w", Duration.ofSeconds(30), 32));
            assertEquals(5, queue.stats().count(MessageState.DELIVERING));

            queue.pause("Agent-2", "test");
            assertEquals(List.of(), queue.claimBatch("Agent-2", "w", Duration.ofSeconds(30), 32));
        }
    }
}
