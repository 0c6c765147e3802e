package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.Await;
import dev.switchboard.core.MutableClock;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.core.queue.Transition;
import dev.switchboard.core.resilience.CircuitBreaker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inbox-only agent (the default) whose inbox is a file for a while. The method's cool-down ("paused after
 * repeated failures") is no delivery attempt: messages wait for it and are delivered once the inbox works again,
 * and a message that does die says why (the root cause, not "paused"). Real queue and inbox; the worker is driven
 * step by step on a hand-moved clock.
 */
class CoolDownTest {
    private static final Duration COOL_DOWN = Duration.ofSeconds(25);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private SqliteMessageQueue queue;
    private FallbackChain chain;
    private DeliveryWorker worker;
    private AgentRegistry agents;
    private Path inbox;

    @BeforeEach
    void setUp() throws Exception {
        inbox = dir.resolve("ws").resolve("Agent-1").resolve("inbox");
        Files.createDirectories(inbox.getParent());
        Files.writeString(inbox, "not a folder"); // the fault: the inbox is a file
        queue = new SqliteMessageQueue(dir.resolve("data"), 5, new Backoff(100, 1_000), clock, new Random(7));
        agents = new AgentRegistry(List.of(AgentConfig.inboxOnly("Agent-1").withInbox(inbox)));
        chain = new FallbackChain(List.of(new InboxDeliverer(AgentConfig::inbox)), 3, COOL_DOWN, clock);
        worker = new DeliveryWorker("Agent-1", "run-1", queue, agents, chain, Duration.ofSeconds(30), 10);
    }

    @AfterEach
    void tearDown() {
        queue.close();
    }

    /** One step of the worker, a second later (every backoff here is at most 1 s). */
    private void step() throws InterruptedException {
        clock.advance(Duration.ofSeconds(1));
        worker.deliverOne();
    }

    private QueuedMessage find(String id) {
        return queue.find(id).orElseThrow();
    }

    @Test
    void messagesWaitOutTheCoolDownWithoutUsingAttemptsAndArriveWhenTheInboxWorksAgain() throws Exception {
        // GIVEN three real failures, which pause the inbox for the agent
        String first = queue.enqueue(Fixtures.message("Agent-1", "first")).id();
        for (int i = 0; i < 3; i++) {
            step();
        }
        assertEquals(
                CircuitBreaker.State.OPEN,
                chain.breaker("Agent-1", DeliveryMethod.INBOX).state());

        // WHEN the worker goes on through the cool-down, a new message comes, and an admin retries the first
        step();
        String second = queue.enqueue(Fixtures.message("Agent-1", "second")).id();
        for (int i = 0; i < 5; i++) {
            step();
        }
        queue.retry(first, "admin");
        for (int i = 0; i < 10; i++) {
            step();
        }

        // THEN nothing died and no attempt was spent on the pause; the root cause is still what they show
        QueuedMessage waiting = find(first);
        assertEquals(MessageState.RETRY_WAIT, waiting.state(), waiting.toString());
        assertEquals(0, waiting.attempts(), "retried, and not tried since: " + waiting);
        assertEquals(MessageState.RETRY_WAIT, find(second).state());
        assertEquals(0, find(second).attempts());
        Transition last = history(second).get(history(second).size() - 1);
        assertTrue(
                last.detail().contains("inbox paused after repeated failures")
                        && last.detail().contains("Not a directory"),
                last.detail());

        // WHEN the inbox is a folder again and the cool-down is over
        Files.delete(inbox);
        clock.advance(COOL_DOWN);
        worker.deliverOne(); // the trial after the cool-down
        worker.deliverOne();

        // THEN both arrive, once each (the worker records a delivery without waiting for the commit)
        Await.until(
                Duration.ofSeconds(10),
                () -> find(first).state() == MessageState.DELIVERED
                        && find(second).state() == MessageState.DELIVERED,
                () -> find(first) + " / " + find(second));
        try (Stream<Path> files = Files.list(inbox)) {
            assertEquals(2, files.filter(p -> p.toString().endsWith(".md")).count());
        }
    }

    @Test
    void aMessageThatDiesAfterRealAttemptsSaysWhyNotThatTheInboxWasPaused() throws Exception {
        String id = queue.enqueue(Fixtures.message("Agent-1", "doomed")).id();
        // the worker keeps looking every second; after three failures only the trial after each cool-down
        // is an attempt, and it fails again
        for (int i = 0; i < 200 && find(id).state() != MessageState.DEAD; i++) {
            step();
        }

        QueuedMessage dead = find(id);
        assertEquals(5, dead.attempts());
        String why = history(id).get(history(id).size() - 1).detail();
        assertTrue(why.startsWith("gave up after 5 attempts: inbox failed: ") && why.contains("Not a directory"), why);
        assertFalse(why.contains("paused"), why);
    }

    private List<Transition> history(String id) {
        return queue.history(id);
    }

    @Test
    void aPostponementTheQueueCannotTakeIsWrittenWhenItTakesWritesAgainNotWhenTheLeaseRunsOut() throws Exception {
        // GIVEN the inbox paused after three real failures
        String id = queue.enqueue(Fixtures.message("Agent-1", "waits")).id();
        for (int i = 0; i < 3; i++) {
            step();
        }
        assertEquals(
                CircuitBreaker.State.OPEN,
                chain.breaker("Agent-1", DeliveryMethod.INBOX).state());
        // AND a worker (with an hour's lease) on a queue that takes no postponement for now, as on a full disk
        AtomicBoolean full = new AtomicBoolean(true);
        MessageQueue noRoom = (MessageQueue) Proxy.newProxyInstance(
                MessageQueue.class.getClassLoader(), new Class<?>[] {MessageQueue.class}, (proxy, method, args) -> {
                    if (full.get() && method.getName().equals("postpone")) {
                        throw new QueueException("disk full: the queue database cannot be written");
                    }
                    try {
                        return method.invoke(queue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DeliveryWorker onFullDisk =
                new DeliveryWorker("Agent-1", "run-2", noRoom, agents, chain, Duration.ofHours(1), 10);

        // WHEN it claims the message during the cool-down: nothing is tried, and the postponement is not written
        clock.advance(Duration.ofSeconds(1));
        assertThrows(QueueException.class, onFullDisk::pass);
        assertEquals(MessageState.DELIVERING, find(id).state());
        // THEN it is kept and tried again before anything else, for as long as the queue refuses it
        assertThrows(QueueException.class, onFullDisk::pass);

        // WHEN the queue takes writes again
        full.set(false);
        onFullDisk.pass();

        // THEN the message waits for the cool-down, with its root cause, rather than sit in DELIVERING for the
        // hour of its lease
        QueuedMessage waiting = find(id);
        assertEquals(MessageState.RETRY_WAIT, waiting.state(), waiting.toString());
        String why = history(id).get(history(id).size() - 1).detail();
        assertTrue(why.contains("inbox paused after repeated failures") && why.contains("Not a directory"), why);
    }
}
