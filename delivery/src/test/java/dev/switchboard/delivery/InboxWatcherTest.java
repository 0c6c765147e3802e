package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.Await;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving an inbox file to processed/ marks its message READ: on a real queue and real folders. */
class InboxWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SqliteMessageQueue queue;
    private InboxDeliverer deliverer;
    private AgentRegistry registry;
    private final AgentConfig agent = Fixtures.agent("Agent-1", DeliveryMethod.INBOX);
    private InboxWatcher watcher;

    @BeforeEach
    void setUp() {
        queue = SqliteMessageQueue.open(dir.resolve("data"), 3, new Backoff(10, 100));
        registry = new AgentRegistry(List.of(agent, Fixtures.agent("Agent-2", DeliveryMethod.INBOX)));
        deliverer = new InboxDeliverer(this::inboxOf);
    }

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
        queue.close();
    }

    private Path inboxOf(AgentConfig a) {
        return dir.resolve("ws").resolve(a.id()).resolve("inbox");
    }

    /** Queued, claimed and written to the inbox; delivery recorded unless {@code record} is false. */
    private UnifiedMessage deliver(String body, boolean record) {
        UnifiedMessage m = Fixtures.message("Agent-1", body);
        queue.enqueue(m);
        queue.claimNext("Agent-1", "w", Duration.ofMinutes(1)).orElseThrow();
        deliverer.preflight(agent);
        deliverer.deliver(m, agent);
        if (record) {
            queue.markDelivered(m.id(), "inbox", true, null);
        }
        return m;
    }

    private void moveToProcessed(UnifiedMessage m) throws IOException {
        Path inbox = inboxOf(agent);
        Files.move(
                inbox.resolve(InboxFormat.fileName(m)),
                inbox.resolve(InboxDeliverer.PROCESSED).resolve(InboxFormat.fileName(m)));
    }

    private MessageState state(UnifiedMessage m) {
        return queue.find(m.id()).orElseThrow().state();
    }

    @Test
    void aFileMovedToProcessedMarksItsMessageRead() throws Exception {
        // GIVEN a watcher whose periodic scan is far away: the WatchService event must do it
        UnifiedMessage m = deliver("read me", true);
        UnifiedMessage untouched = deliver("not yet", true);
        UnifiedMessage before = deliver("moved before the start", true);
        moveToProcessed(before);
        watcher = new InboxWatcher(queue, registry, this::inboxOf, 60_000);
        // The first scan registers the folder, then reads it: once it has read 'before', the folder is watched
        // and the next scan is a minute away, so only the watch event can mark 'm' read.
        Await.until(WAIT, () -> state(before) == MessageState.READ, () -> "state " + state(before));

        moveToProcessed(m);

        Await.until(WAIT, () -> state(m) == MessageState.READ, () -> "state " + state(m));
        assertEquals(MessageState.DELIVERED, state(untouched));
        assertEquals("moved to processed/", queue.history(m.id()).get(3).detail());
    }

    @Test
    void filesMovedWhileSwitchboardWasDownAreFoundAtStart() throws Exception {
        UnifiedMessage m = deliver("moved while down", true);
        moveToProcessed(m);

        watcher = new InboxWatcher(queue, registry, this::inboxOf, 60_000);

        Await.until(WAIT, () -> state(m) == MessageState.READ, () -> "state " + state(m));
    }

    @Test
    void aFileMovedBeforeItsDeliveryWasRecordedIsReadOnceRecorded() throws Exception {
        // GIVEN the agent is faster than the queue: the file is in processed/ while the message is DELIVERING
        UnifiedMessage m = deliver("fast agent", false);
        watcher = new InboxWatcher(queue, registry, this::inboxOf, 100);
        moveToProcessed(m);
        Thread.sleep(300); // a few scans see it while it is DELIVERING
        assertEquals(MessageState.DELIVERING, state(m), "READ cannot come before DELIVERED");

        // WHEN the delivery is recorded
        queue.markDelivered(m.id(), "inbox", true, null);

        // THEN a later scan marks it READ
        Await.until(WAIT, () -> state(m) == MessageState.READ, () -> "state " + state(m));
    }

    @Test
    void unrelatedFilesInProcessedAreIgnored() throws Exception {
        Path processed = inboxOf(agent).resolve(InboxDeliverer.PROCESSED);
        Files.createDirectories(processed);
        Files.writeString(processed.resolve("notes.md"), "mine");
        Files.writeString(processed.resolve("20261123T101530.123Z_01a20000-1111-7222-8333-444455556666.md"), "x");
        UnifiedMessage m = deliver("real", true);
        moveToProcessed(m);

        watcher = new InboxWatcher(queue, registry, this::inboxOf, 100);

        Await.until(WAIT, () -> state(m) == MessageState.READ, () -> "state " + state(m));
        assertEquals(1, queue.stats().count(MessageState.READ));
    }
}
