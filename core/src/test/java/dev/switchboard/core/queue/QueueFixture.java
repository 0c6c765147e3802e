package dev.switchboard.core.queue;

import dev.switchboard.core.MutableClock;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/** Messages and queues for the queue tests: a real SQLite file, a hand-moved clock, jitter fixed at zero. */
final class QueueFixture {
    static final Sender ALICE = new Sender(Platform.DISCORD, "1001", "alice", Role.OPERATOR);
    /** Equal jitter with a random part of 0: every delay is exactly half the exponential step. */
    static final RandomGenerator NO_JITTER = () -> 0L;

    private QueueFixture() {}

    static SqliteMessageQueue open(Path dir, MutableClock clock, int maxAttempts) {
        return new SqliteMessageQueue(dir, maxAttempts, new Backoff(1_000, 60_000), clock, NO_JITTER);
    }

    static UnifiedMessage message(MutableClock clock, String agent, Priority priority, String body) {
        return message(clock, dev.switchboard.core.message.MessageIds.newId(), agent, priority, body);
    }

    static UnifiedMessage message(MutableClock clock, String id, String agent, Priority priority, String body) {
        return new UnifiedMessage(
                id,
                id,
                ALICE,
                Recipient.agent(agent),
                MessageType.TEXT,
                priority,
                body,
                null,
                null,
                new Origin(Platform.DISCORD, "g1", "c1", "m-" + body, null),
                clock.instant(),
                null);
    }
}
