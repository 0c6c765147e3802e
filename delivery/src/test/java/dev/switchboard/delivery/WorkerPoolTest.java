package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.Await;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers end to end: a real queue, event pump and inbox folders; delivery, retries, DEAD, pause, order. */
class WorkerPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Long: workers must be woken by events, not find work by polling, for these tests to be quick. */
    private static final long POLL_MILLIS = 200;

    @TempDir
    Path dir;

    private SqliteMessageQueue queue;
    private final EventBus bus = new EventBus();
    private EventPump pump;
    private WorkerPool pool;
    private final List<StatusEvent> events = Collections.synchronizedList(new ArrayList<>());
    private AgentRegistry registry;

    @BeforeEach
    void setUp() {
        queue = SqliteMessageQueue.open(dir.resolve("data"), 3, new Backoff(20, 100));
        pump = new EventPump(queue, bus, 50);
        queue.onCommit(pump::wakeUp);
        bus.subscribe(events::add);
        registry = new AgentRegistry(List.of(
                Fixtures.agent("Agent-1", DeliveryMethod.INBOX),
                Fixtures.agent("Agent-2", DeliveryMethod.INBOX),
                Fixtures.agent("Agent-3", DeliveryMethod.INBOX)));
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
        pump.close();
        queue.close();
    }

    private Path inboxOf(AgentConfig a) {
        return dir.resolve("ws").resolve(a.id()).resolve("inbox");
    }

    private void startPool(Deliverer... deliverers) {
        FallbackChain chain = new FallbackChain(List.of(deliverers), 100, Duration.ofSeconds(30), Clock.systemUTC());
        pool = new WorkerPool("run-1", queue, registry, chain, bus, Duration.ofSeconds(30), POLL_MILLIS);
    }

    private MessageState state(String id) {
        return queue.find(id).map(QueuedMessage::state).orElse(null);
    }

    private List<Path> inboxFiles(String agent) throws IOException {
        Path inbox = dir.resolve("ws").resolve(agent).resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(inbox)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void everyQueuedMessageEndsUpAsExactlyOneInboxFileForItsAgent() throws Exception {
        startPool(new InboxDeliverer(this::inboxOf));
        assertEquals(java.util.Set.of("Agent-1", "Agent-2", "Agent-3"), pool.agents());
        List<UnifiedMessage> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UnifiedMessage m = Fixtures.message("Agent-" + (1 + i % 3), "message " + i + "\nsecond line ✓");
            queue.enqueue(m);
            sent.add(m);
        }

        Await.until(
                WAIT,
                () -> queue.stats().count(MessageState.DELIVERED) == 60,
                () -> "" + queue.stats().byState());

        for (UnifiedMessage m : sent) {
            QueuedMessage q = queue.find(m.id()).orElseThrow();
            assertEquals("inbox", q.method());
            assertEquals(Boolean.TRUE, q.verified());
            Path file = dir.resolve("ws").resolve(m.agent()).resolve("inbox").resolve(InboxFormat.fileName(m));
            assertEquals(m.body(), InboxFormat.bodyOf(Files.readString(file)));
        }
        for (int a = 1; a <= 3; a++) {
            assertEquals(20, inboxFiles("Agent-" + a).size());
        }
        // and the bus told the story of each message in order
        UnifiedMessage first = sent.get(0);
        Await.until(WAIT, () -> states(first.id()).size() == 3, () -> "" + states(first.id()));
        assertEquals(List.of(MessageState.QUEUED, MessageState.DELIVERING, MessageState.DELIVERED), states(first.id()));
    }

    private List<MessageState> states(String id) {
        synchronized (events) {
            return events.stream()
                    .filter(e -> e.messageId().equals(id))
                    .map(StatusEvent::to)
                    .toList();
        }
    }

    @Test
    void anAgentGetsItsMessagesInOrder() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        startPool(recording(DeliveryMethod.INBOX, order, () -> DeliveryOutcome.verified(null)));
        queue.pause("Agent-1", "test"); // queue them all first, then let the worker go
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bodies.add("m" + i);
            queue.enqueue(Fixtures.message("Agent-1", "m" + i));
        }
        queue.resume("Agent-1", "test");

        Await.until(WAIT, () -> order.size() == 30, () -> order.toString());
        assertEquals(bodies, order);
    }

    @Test
    void cleanFailuresAreRetriedWithBackoffThenDeadWithTheReason() {
        AtomicInteger calls = new AtomicInteger();
        startPool(recording(DeliveryMethod.INBOX, new ArrayList<>(), () -> {
            calls.incrementAndGet();
            return DeliveryOutcome.failedClean("disk full");
        }));
        UnifiedMessage m = Fixtures.message("Agent-2", "doomed");
        queue.enqueue(m);

        Await.until(WAIT, () -> state(m.id()) == MessageState.DEAD, () -> "state " + state(m.id()));

        assertEquals(3, calls.get(), "maxAttempts");
        QueuedMessage dead = queue.find(m.id()).orElseThrow();
        assertEquals("inbox failed: disk full", dead.lastError());
        assertEquals(
                2,
                queue.history(m.id()).stream()
                        .filter(t -> t.to() == MessageState.RETRY_WAIT)
                        .count());
    }

    @Test
    void aFailureThatMayHaveReachedTheAgentIsDeadAtOnceForAnOperatorToDecide() {
        AtomicInteger calls = new AtomicInteger();
        startPool(recording(DeliveryMethod.INBOX, new ArrayList<>(), () -> {
            calls.incrementAndGet();
            return DeliveryOutcome.failedDirty("typed, not submitted");
        }));
        UnifiedMessage m = Fixtures.message("Agent-1", "careful");
        queue.enqueue(m);

        Await.until(WAIT, () -> state(m.id()) == MessageState.DEAD, () -> "state " + state(m.id()));
        assertEquals(1, calls.get());
    }

    @Test
    void aMessageForAnAgentNoLongerConfiguredIsDead() {
        startPool(new InboxDeliverer(this::inboxOf));
        registry.replace(List.of(Fixtures.agent("Agent-1", DeliveryMethod.INBOX)));
        // A worker that still exists when the agent disappears would find this; simulate the race directly.
        UnifiedMessage m = Fixtures.message("Agent-3", "orphan");
        queue.enqueue(m);
        DeliveryWorker worker = new DeliveryWorker(
                "Agent-3",
                "run-1",
                queue,
                registry,
                new FallbackChain(
                        List.of(new InboxDeliverer(this::inboxOf)), 3, Duration.ofSeconds(1), Clock.systemUTC()),
                Duration.ofSeconds(30),
                POLL_MILLIS);
        try {
            assertTrue(worker.deliverOne());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(MessageState.DEAD, state(m.id()));
        assertEquals(
                "agent Agent-3 is no longer configured",
                queue.find(m.id()).orElseThrow().lastError());
        assertEquals(java.util.Set.of("Agent-1"), pool.agents(), "its worker was stopped");
    }

    @Test
    void aPausedAgentGetsNothingUntilResumedWhileOthersContinue() throws Exception {
        startPool(new InboxDeliverer(this::inboxOf));
        queue.pause("Agent-1", "admin");
        UnifiedMessage held = Fixtures.message("Agent-1", "held");
        UnifiedMessage free = Fixtures.message("Agent-2", "free");
        queue.enqueue(held);
        queue.enqueue(free);

        Await.until(WAIT, () -> state(free.id()) == MessageState.DELIVERED, () -> "state " + state(free.id()));
        Thread.sleep(3 * POLL_MILLIS); // several polls of Agent-1's worker
        assertEquals(MessageState.QUEUED, state(held.id()));
        assertEquals(List.of(), inboxFiles("Agent-1"));

        queue.resume("Agent-1", "admin");
        Await.until(WAIT, () -> state(held.id()) == MessageState.DELIVERED, () -> "state " + state(held.id()));
    }

    @Test
    void workersFollowTheAgentList() {
        startPool(new InboxDeliverer(this::inboxOf));
        registry.replace(List.of(Fixtures.agent("Agent-9", DeliveryMethod.INBOX)));
        assertEquals(java.util.Set.of("Agent-9"), pool.agents());
        UnifiedMessage m = Fixtures.message("Agent-9", "new agent");
        queue.enqueue(m);
        Await.until(WAIT, () -> state(m.id()) == MessageState.DELIVERED, () -> "state " + state(m.id()));
    }

    private static Deliverer recording(
            DeliveryMethod method, List<String> bodies, java.util.function.Supplier<DeliveryOutcome> outcome) {
        return new Deliverer() {
            @Override
            public DeliveryMethod method() {
                return method;
            }

            @Override
            public Optional<String> preflight(AgentConfig agent) {
                return Optional.empty();
            }

            @Override
            public DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) {
                bodies.add(message.body());
                return outcome.get();
            }
        };
    }
}
