package dev.switchboard.core.queue;

import static dev.switchboard.core.queue.QueueFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.MutableClock;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordering, group commit, durability and lookup of the SQLite queue, on a real database file. */
class SqliteMessageQueueTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private SqliteMessageQueue queue;

    @BeforeEach
    void open() {
        queue = QueueFixture.open(dir, clock, 3);
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private String claimBody(String agent) {
        return queue.claimNext(agent, "w1", LEASE).map(q -> q.message().body()).orElse(null);
    }

    @Test
    void claimsUrgentBeforeHighBeforeNormalBeforeLowAndFifoWithinAPriority() {
        // GIVEN one agent's messages queued in a mixed order, and one for another agent
        for (String[] m : new String[][] {
            {"LOW", "low-1"},
            {"NORMAL", "normal-1"},
            {"URGENT", "urgent-1"},
            {"HIGH", "high-1"},
            {"NORMAL", "normal-2"},
            {"URGENT", "urgent-2"},
            {"LOW", "low-2"},
            {"HIGH", "high-2"}
        }) {
            queue.enqueue(message(clock, "Agent-1", Priority.valueOf(m[0]), m[1]));
        }
        queue.enqueue(message(clock, "Agent-2", Priority.URGENT, "other agent"));

        // WHEN the agent's worker claims them one after another
        List<String> order = new ArrayList<>();
        for (String b; (b = claimBody("Agent-1")) != null; ) {
            order.add(b);
        }

        // THEN priority decides first, arrival order second, and nothing of Agent-2 is taken
        assertEquals(
                List.of("urgent-1", "urgent-2", "high-1", "high-2", "normal-1", "normal-2", "low-1", "low-2"), order);
        assertEquals("other agent", claimBody("Agent-2"));
    }

    @Test
    void aClaimedMessageIsDeliveringWithALeaseAndIsNotClaimedTwice() {
        UnifiedMessage m = message(clock, "Agent-1", Priority.NORMAL, "once");
        queue.enqueue(m);
        QueuedMessage claimed = queue.claimNext("Agent-1", "w1", LEASE).orElseThrow();

        assertEquals(m.id(), claimed.id());
        assertEquals(MessageState.DELIVERING, claimed.state());
        assertEquals(1, claimed.attempts());
        assertEquals(Optional.empty(), queue.claimNext("Agent-1", "w2", LEASE));
        assertFalse(queue.hasReady("Agent-1"));
    }

    @Test
    void groupCommitTakesManyConcurrentProducersAndCommitsEveryMessage() throws Exception {
        // GIVEN 16 producers each enqueueing 40 messages as fast as they can (blocking and async mixed)
        int producers = 16;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            results.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                List<CompletableFuture<QueuedMessage>> pending = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    UnifiedMessage m =
                            message(clock, "Agent-" + (producer % 4), Priority.NORMAL, "p" + producer + "-" + i);
                    if (i % 2 == 0) {
                        ids.add(queue.enqueue(m).id());
                    } else {
                        pending.add(queue.enqueueAsync(m));
                    }
                }
                for (CompletableFuture<QueuedMessage> f : pending) {
                    ids.add(f.get(30, TimeUnit.SECONDS).id());
                }
                return ids;
            }));
        }
        Set<String> ids = new HashSet<>();
        for (Future<List<String>> f : results) {
            ids.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // THEN every returned id is distinct and stored; and stays stored after the queue is reopened
        assertEquals(producers * each, ids.size());
        assertEquals(producers * each, queue.stats().count(MessageState.QUEUED));
        queue.close();
        queue = QueueFixture.open(dir, clock, 3);
        assertEquals(producers * each, queue.stats().count(MessageState.QUEUED));
        for (String id : ids) {
            assertEquals(MessageState.QUEUED, queue.find(id).orElseThrow().state(), id);
        }
        // AND one producer's messages keep their order for its agent (FIFO within a priority)
        Map<String, Integer> lastSeen = new HashMap<>();
        for (String b; (b = claimBody("Agent-1")) != null; ) {
            String producer = b.substring(0, b.indexOf('-'));
            int index = Integer.parseInt(b.substring(b.indexOf('-') + 1));
            if (index % 2 == 0) { // the blocking ones were committed in call order
                Integer before = lastSeen.put(producer, index);
                assertTrue(before == null || before < index, b + " came after " + producer + "-" + before);
            }
        }
    }

    @Test
    void twoQueueInstancesOnOneFileWriteConcurrentlyWithoutLosingAnything() throws Exception {
        // GIVEN a second instance on the same file, as the CLI has beside 'switchboard run'
        try (SqliteMessageQueue cli = QueueFixture.open(dir, clock, 3)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<String>> ids = new ArrayList<>();
            // WHEN both write at the same time (each through its own writer and SQLite's file lock)
            for (int i = 0; i < 200; i++) {
                SqliteMessageQueue target = i % 2 == 0 ? queue : cli;
                UnifiedMessage m = message(clock, "Agent-1", Priority.NORMAL, "m" + i);
                ids.add(pool.submit(() -> target.enqueue(m).id()));
            }
            Set<String> all = new HashSet<>();
            for (Future<String> f : ids) {
                all.add(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();

            // THEN every message is there, whichever instance looks
            assertEquals(200, all.size());
            assertEquals(200, queue.stats().count(MessageState.QUEUED));
            assertEquals(200, cli.stats().count(MessageState.QUEUED));
        }
    }

    @Test
    void aMessageSurvivesReopeningWithEveryField() {
        UnifiedMessage m = message(clock, "Agent-3", Priority.HIGH, "multi\nline ünïcødé 🚀 \"quotes\"");
        queue.enqueue(m);
        queue.close();

        queue = QueueFixture.open(dir, clock, 3);
        QueuedMessage back = queue.find(m.id()).orElseThrow();

        assertEquals(m, back.message());
        assertEquals(MessageState.QUEUED, back.state());
        assertTrue(Files.exists(dir.resolve(SqliteMessageQueue.FILE_NAME)));
    }

    @Test
    void findsByFullIdShortSuffixPrefixAndHashForm() {
        String id = "01a20000-0000-7000-8000-00000000beef";
        queue.enqueue(message(clock, id, "Agent-1", Priority.NORMAL, "x"));

        assertEquals(id, queue.find(id).orElseThrow().id());
        assertEquals(id, queue.find("beef").orElseThrow().id());
        assertEquals(id, queue.find("#BEEF").orElseThrow().id());
        assertEquals(id, queue.find("01a20000").orElseThrow().id());
        assertEquals(Optional.empty(), queue.find("dead"));
        assertEquals(Optional.empty(), queue.find("not-an-id!"));
        assertEquals(Optional.empty(), queue.find("abc")); // too short to mean anything
    }

    @Test
    void anAmbiguousShortIdIsAnErrorNotAGuess() {
        queue.enqueue(message(clock, "01a20000-0000-7000-8000-00000000abcd", "Agent-1", Priority.NORMAL, "a"));
        queue.enqueue(message(clock, "01a20001-0000-7000-8000-00000000abcd", "Agent-2", Priority.NORMAL, "b"));

        UnknownMessageException e = assertThrows(UnknownMessageException.class, () -> queue.find("#abcd"));
        assertTrue(e.getMessage().contains("several"), e.getMessage());
        // Cancelling by the ambiguous form must not pick one of them
        assertThrows(UnknownMessageException.class, () -> queue.cancel("abcd", "admin"));
        assertEquals(2, queue.stats().count(MessageState.QUEUED));
        // More characters make it unique
        assertEquals("b", queue.find("01a20001").orElseThrow().message().body());
    }

    @Test
    void listsNewestFirstFilteredByStateAndAgent() {
        UnifiedMessage a = message(clock, "Agent-1", Priority.NORMAL, "a");
        UnifiedMessage b = message(clock, "Agent-2", Priority.NORMAL, "b");
        UnifiedMessage c = message(clock, "Agent-1", Priority.NORMAL, "c");
        queue.enqueue(a);
        queue.enqueue(b);
        queue.enqueue(c);
        queue.claimNext("Agent-2", "w", LEASE);

        assertEquals(List.of("c", "b", "a"), bodies(queue.list(List.of(), null, 10)));
        assertEquals(List.of("c", "a"), bodies(queue.list(List.of(), "Agent-1", 10)));
        assertEquals(List.of("b"), bodies(queue.list(List.of(MessageState.DELIVERING), null, 10)));
        assertEquals(List.of("c"), bodies(queue.list(List.of(MessageState.QUEUED), null, 1)));
    }

    private static List<String> bodies(List<QueuedMessage> list) {
        return list.stream().map(q -> q.message().body()).toList();
    }

    @Test
    void unknownIdsAreReportedAsSuch() {
        String missing = "01a20000-0000-7000-8000-000000000000";
        assertThrows(UnknownMessageException.class, () -> queue.markDelivered(missing, "inbox", true, null));
        assertThrows(UnknownMessageException.class, () -> queue.markRead(missing, "test"));
        assertThrows(UnknownMessageException.class, () -> queue.retry(missing, "test"));
    }

    @Test
    void aClosedQueueRefusesWork() {
        queue.close();
        assertThrows(QueueClosedException.class, () -> queue.enqueue(message(clock, "Agent-1", Priority.NORMAL, "x")));
        queue = QueueFixture.open(dir, clock, 3); // for @AfterEach
    }
}
