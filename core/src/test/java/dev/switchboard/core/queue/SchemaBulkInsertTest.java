package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaBulkInsertTest {
    @TempDir
    Path dir;

    @Test
    void filledRowsAreDeliveredMessagesTheQueueReadsLikeItsOwn() {
        // GIVEN a queue folder filled with 2,500 delivered messages for two agents
        List<Long> progress = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Schema.bulkInsertDelivered(dir, 2_500, i -> request(i, start.plusSeconds(i)), progress::add);

        try (SqliteMessageQueue queue = SqliteMessageQueue.open(dir, 3, new Backoff(1_000, 60_000))) {
            // THEN the queue counts them as delivered, per agent, with nothing pending
            QueueStats stats = queue.stats();
            assertEquals(2_500, stats.count(MessageState.DELIVERED));
            assertEquals(1_250, stats.byAgent().get("Agent-1").get(MessageState.DELIVERED));
            assertEquals(0, stats.pending("Agent-1"));
            assertEquals(List.of(2_500L), progress);
            // AND each has its payload and full history
            QueuedMessage newest = queue.list(List.of(), null, 1).get(0);
            assertEquals("inbox", newest.method());
            assertEquals("please rebase (2499)", newest.message().body());
            assertEquals(start.plusSeconds(2_499), newest.message().createdAt());
            List<MessageState> states =
                    queue.history(newest.id()).stream().map(Transition::to).toList();
            assertEquals(List.of(MessageState.QUEUED, MessageState.DELIVERING, MessageState.DELIVERED), states);
            // AND the queue goes on working on top of them
            UnifiedMessage m = UnifiedMessage.text(Sender.system("test"), "Agent-2", "hello", Priority.HIGH, null);
            queue.enqueue(m);
            Optional<QueuedMessage> claimed = queue.claimNext("Agent-2", "w", java.time.Duration.ofSeconds(30));
            assertEquals(m.id(), claimed.orElseThrow().id());
        }
    }

    private static UnifiedMessage request(int i, Instant created) {
        String id = MessageIds.newId();
        return new UnifiedMessage(
                id,
                id,
                Sender.system("test"),
                Recipient.agent(i % 2 == 0 ? "Agent-1" : "Agent-2"),
                MessageType.TEXT,
                Priority.NORMAL,
                "please rebase (" + i + ")",
                null,
                null,
                null,
                created,
                null);
    }
}
