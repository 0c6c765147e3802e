package dev.switchboard.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Await;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status events come from the committed transition log, so they follow commits, also of other processes. */
class EventPumpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Sender BOB = new Sender(Platform.TWITCH, "bob", "Bob", Role.OPERATOR);

    @TempDir
    Path dir;

    private SqliteMessageQueue queue;
    private final EventBus bus = new EventBus();
    private EventPump pump;
    private final List<StatusEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notYetPersisted = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        queue = SqliteMessageQueue.open(dir, 3, new Backoff(10, 100));
        bus.subscribe(e -> {
            // Reported only after persisted: the transition is already readable when its event arrives.
            if (queue.history(e.messageId()).stream().noneMatch(t -> t.seq() == e.seq())) {
                notYetPersisted.add(e.seq() + " " + e.to());
            }
            events.add(e);
        });
        pump = new EventPump(queue, bus, 50);
        queue.onCommit(pump::wakeUp);
    }

    @AfterEach
    void stop() {
        pump.close();
        queue.close();
    }

    private static UnifiedMessage message(String agent) {
        return UnifiedMessage.text(
                BOB, agent, "hi", Priority.NORMAL, new Origin(Platform.TWITCH, null, "#chan", "42", null));
    }

    private List<MessageState> statesOf(String id) {
        synchronized (events) {
            return events.stream()
                    .filter(e -> e.messageId().equals(id))
                    .map(StatusEvent::to)
                    .toList();
        }
    }

    @Test
    void publishesEveryTransitionInOrderAfterItIsCommitted() {
        UnifiedMessage m = message("Agent-1");
        queue.enqueue(m);
        queue.claimNext("Agent-1", "w", Duration.ofSeconds(30));
        queue.markDelivered(m.id(), "inbox", true, null);

        Await.until(WAIT, () -> statesOf(m.id()).size() == 3, () -> "events: " + events);

        assertEquals(List.of(MessageState.QUEUED, MessageState.DELIVERING, MessageState.DELIVERED), statesOf(m.id()));
        assertEquals(List.of(), notYetPersisted);
        StatusEvent delivered = events.get(2);
        assertEquals(MessageState.DELIVERING, delivered.from());
        assertEquals("delivered (inbox, verified)", delivered.describe());
        assertEquals(BOB, delivered.sender());
        assertEquals("#chan", delivered.origin().channelId());
        assertEquals(m.correlationId(), delivered.correlationId());
        assertEquals("Agent-1", delivered.agent());
        assertNull(events.get(0).from());
    }

    @Test
    void eventsOfAnotherProcessOnTheSameFileArriveToo() {
        // GIVEN a second queue instance on the same database file, as the CLI beside 'switchboard run' has
        try (SqliteMessageQueue cli = SqliteMessageQueue.open(dir, 3, new Backoff(10, 100))) {
            UnifiedMessage m = message("Agent-2");

            // WHEN it queues and cancels a message (no local commit wakes the pump)
            cli.enqueue(m);
            cli.cancel(MessageIds.shortForm(m.id()), "cli");

            // THEN this process's bus reports both, by polling the log
            Await.until(WAIT, () -> statesOf(m.id()).size() == 2, () -> "events: " + events);
            assertEquals(List.of(MessageState.QUEUED, MessageState.CANCELLED), statesOf(m.id()));
            assertTrue(
                    events.get(1).describe().startsWith("cancelled: cancelled by cli"),
                    events.get(1).describe());
        }
    }

    @Test
    void eventsBeforeThePumpStartedAreNotReplayed() throws Exception {
        pump.close();
        UnifiedMessage old = message("Agent-1");
        queue.enqueue(old);
        pump = new EventPump(queue, bus, 50);
        UnifiedMessage fresh = message("Agent-1");
        queue.enqueue(fresh);

        Await.until(WAIT, () -> !statesOf(fresh.id()).isEmpty(), () -> "events: " + events);
        assertEquals(List.of(), statesOf(old.id()));
    }

    @Test
    void closingPublishesWhatIsAlreadyCommittedFirst() {
        // GIVEN a pump that polls rarely and is not woken by commits
        pump.close();
        pump = new EventPump(queue, bus, 60_000);
        UnifiedMessage m = message("Agent-1");
        queue.enqueue(m);

        // WHEN it is closed right after the commit (a clean stop just after the last delivery)
        pump.close();

        // THEN the committed change was still reported, as the contract of close() says
        assertEquals(List.of(MessageState.QUEUED), statesOf(m.id()));
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        EventBus local = new EventBus();
        List<Long> seen = new ArrayList<>();
        local.subscribe(e -> {
            throw new IllegalStateException("boom");
        });
        local.subscribe(e -> seen.add(e.seq()));
        local.publish(new StatusEvent(
                7,
                "id",
                "id",
                "Agent-1",
                null,
                MessageState.QUEUED,
                0,
                null,
                null,
                null,
                java.time.Instant.now(),
                BOB,
                null));
        assertEquals(List.of(7L), seen);
    }

    @Test
    void unsubscribedSubscribersGetNothingMore() throws Exception {
        EventBus local = new EventBus();
        List<Long> seen = new ArrayList<>();
        AutoCloseable handle = local.subscribe(e -> seen.add(e.seq()));
        handle.close();
        local.publish(new StatusEvent(
                1,
                "id",
                "id",
                "Agent-1",
                null,
                MessageState.QUEUED,
                0,
                null,
                null,
                null,
                java.time.Instant.now(),
                BOB,
                null));
        assertEquals(List.of(), seen);
    }
}
