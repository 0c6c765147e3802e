package dev.switchboard.core.queue;

import static dev.switchboard.core.queue.QueueFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.MutableClock;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One message whose stored JSON is garbage (the database itself is sound) must not wedge its agent, the other
 * agents, the status events or the admin's tools: it becomes DEAD with a plain reason and can be purged.
 */
class UnreadableMessageTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private SqliteMessageQueue queue;
    private UnifiedMessage before;
    private UnifiedMessage poisoned;
    private UnifiedMessage after;
    private UnifiedMessage other;

    @BeforeEach
    void givenOnePoisonedMessageBetweenGoodOnes() throws SQLException {
        queue = QueueFixture.open(dir, clock, 3);
        before = message(clock, "Agent-1", Priority.NORMAL, "before");
        poisoned = message(clock, "Agent-1", Priority.NORMAL, "poisoned");
        after = message(clock, "Agent-1", Priority.NORMAL, "after");
        other = message(clock, "Agent-2", Priority.NORMAL, "other agent");
        for (UnifiedMessage m : List.of(before, poisoned, after, other)) {
            queue.enqueue(m);
        }
        // Another process: the queue's own connections keep their caches, as they would in the service.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("queue.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE payloads SET payload = '{\"id\": garbage' WHERE seq ="
                    + " (SELECT seq FROM messages WHERE id = '" + poisoned.id() + "')");
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertEquals("ok", rs.getString(1));
            }
        }
    }

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void theWorkerGetsItsNeighboursAndThePoisonedRowIsDeadWithAPlainReason() {
        // WHEN Agent-1's worker claims one at a time, as a GUI agent's worker does
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queue.claimNext("Agent-1", "w1", LEASE).ifPresent(q -> {
                bodies.add(q.message().body());
                queue.markDelivered(q.id(), "inbox", true, "written");
            });
        }

        // THEN both neighbours were delivered, in order, and the poisoned one is dead, not delivering
        assertEquals(List.of("before", "after"), bodies);
        QueuedMessage dead = queue.find(poisoned.id()).orElseThrow();
        assertEquals(MessageState.DEAD, dead.state());
        assertEquals("stored message is not readable", dead.lastError());
        assertEquals(
                "other agent",
                queue.claimNext("Agent-2", "w2", LEASE).orElseThrow().message().body());
    }

    @Test
    void eventsListingsAndStatusStillWork() {
        queue.claimBatch("Agent-1", "w1", LEASE, 10);

        // THEN every event can be read, the poisoned message's too (with its agent from the row)
        List<StatusEvent> events = queue.eventsAfter(0, 1_000);
        assertTrue(
                events.stream()
                        .anyMatch(e -> e.messageId().equals(poisoned.id())
                                && e.to() == MessageState.DEAD
                                && "Agent-1".equals(e.agent())),
                () -> "events: " + events);
        assertTrue(events.stream().anyMatch(e -> e.messageId().equals(other.id())));
        // AND the listing shows it, marked unreadable, without throwing
        List<QueuedMessage> listed = queue.list(Set.of(), null, 100);
        assertEquals(4, listed.size());
        QueuedMessage shown = listed.stream()
                .filter(q -> q.id().equals(poisoned.id()))
                .findFirst()
                .orElseThrow();
        assertEquals("Agent-1", shown.agent());
        assertEquals(1L, queue.stats().byState().get(MessageState.DEAD));
    }

    @Test
    void anAdminCanPurgeIt() {
        queue.claimBatch("Agent-1", "w1", LEASE, 10);

        assertEquals(1, queue.purgeDead());

        assertTrue(queue.find(poisoned.id()).isEmpty());
        assertTrue(queue.find(after.id()).isPresent());
    }

    @Test
    void anAdminCanCancelItBeforeAnyWorkerTouchesIt() {
        QueuedMessage cancelled = queue.cancel(poisoned.id(), "admin");

        assertEquals(MessageState.CANCELLED, cancelled.state());
        assertEquals(
                List.of("before", "after"),
                queue.claimBatch("Agent-1", "w1", LEASE, 10).stream()
                        .map(q -> q.message().body())
                        .toList());
    }
}
