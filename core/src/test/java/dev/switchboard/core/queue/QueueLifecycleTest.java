package dev.switchboard.core.queue;

import static dev.switchboard.core.queue.QueueFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.MutableClock;
import dev.switchboard.core.message.IllegalTransitionException;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state change of a message: leases, retries, DEAD, cancel, pause, history, stats, purge, recovery. */
class QueueLifecycleTest {
    private static final Duration LEASE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private SqliteMessageQueue queue;
    private UnifiedMessage m;

    @BeforeEach
    void open() {
        queue = QueueFixture.open(dir, clock, 3);
        m = message(clock, "Agent-1", Priority.NORMAL, "hello");
        queue.enqueue(m);
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private MessageState state() {
        return queue.find(m.id()).orElseThrow().state();
    }

    @Test
    void anExpiredLeaseReturnsTheMessageToAnotherWorker() {
        // GIVEN a worker that claimed the message and then died
        queue.claimNext("Agent-1", "dead-worker", LEASE).orElseThrow();
        clock.advance(LEASE.minusMillis(1));
        assertFalse(queue.hasReady("Agent-1"), "still leased");
        assertEquals(Optional.empty(), queue.claimNext("Agent-1", "w2", LEASE));

        // WHEN the lease runs out
        clock.advance(Duration.ofMillis(2));

        // THEN the message is ready again and the next claim takes it as a second attempt
        assertTrue(queue.hasReady("Agent-1"));
        QueuedMessage again = queue.claimNext("Agent-1", "w2", LEASE).orElseThrow();
        assertEquals(m.id(), again.id());
        assertEquals(2, again.attempts());
        assertTrue(queue.history(m.id()).stream()
                .anyMatch(t -> t.from() == MessageState.DELIVERING
                        && t.to() == MessageState.QUEUED
                        && t.detail().contains("lease expired")));
    }

    @Test
    void failuresWaitWithGrowingBackoffThenTheMessageIsDeadWithItsReason() {
        // Attempt 1 fails: RETRY_WAIT for half of 1 s (jitter fixed at 0)
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        QueuedMessage waiting = queue.markFailed(m.id(), "window not found", false);
        assertEquals(MessageState.RETRY_WAIT, waiting.state());
        assertEquals(clock.instant().plusMillis(500), waiting.nextAttempt());
        assertEquals("window not found", waiting.lastError());

        clock.advance(Duration.ofMillis(499));
        assertEquals(Optional.empty(), queue.claimNext("Agent-1", "w", LEASE), "not due yet");
        clock.advance(Duration.ofMillis(1));
        assertEquals(2, queue.claimNext("Agent-1", "w", LEASE).orElseThrow().attempts());

        // Attempt 2 fails: the delay doubles
        assertEquals(
                clock.instant().plusMillis(1_000),
                queue.markFailed(m.id(), "still no window", false).nextAttempt());
        clock.advance(Duration.ofMillis(1_000));
        assertEquals(3, queue.claimNext("Agent-1", "w", LEASE).orElseThrow().attempts());

        // Attempt 3 of 3 fails: DEAD, reason kept, never claimed again
        QueuedMessage dead = queue.markFailed(m.id(), "gone", false);
        assertEquals(MessageState.DEAD, dead.state());
        assertEquals("gone", dead.lastError());
        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.empty(), queue.claimNext("Agent-1", "w", LEASE));
        Transition last = queue.history(m.id()).get(queue.history(m.id()).size() - 1);
        assertEquals(MessageState.DEAD, last.to());
        assertEquals("gave up after 3 attempts: gone", last.detail());
    }

    @Test
    void aPostponedClaimGivesItsAttemptBackKeepsTheRootCauseAndWaitsUntilTheGivenTime() {
        // GIVEN a real failure, then a claim that found every delivery method cooling down
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        queue.markFailed(m.id(), "Not a directory", false);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, queue.claimNext("Agent-1", "w", LEASE).orElseThrow().attempts());

        QueuedMessage waiting = queue.postpone(
                m.id(), "inbox paused until later", clock.instant().plusSeconds(25));

        // THEN it waits until then, as if that claim had never been made, and still says why it failed
        assertEquals(MessageState.RETRY_WAIT, waiting.state());
        assertEquals(1, waiting.attempts());
        assertEquals(clock.instant().plusSeconds(25), waiting.nextAttempt());
        assertEquals("Not a directory", waiting.lastError());
        Transition last = queue.history(m.id()).get(queue.history(m.id()).size() - 1);
        assertEquals("inbox paused until later", last.detail());
        clock.advance(Duration.ofSeconds(24));
        assertEquals(Optional.empty(), queue.claimNext("Agent-1", "w", LEASE), "not due yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, queue.claimNext("Agent-1", "w", LEASE).orElseThrow().attempts());
    }

    @Test
    void aPermanentFailureIsDeadAtOnce() {
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        QueuedMessage dead = queue.markFailed(m.id(), "text may be in the window", true);
        assertEquals(MessageState.DEAD, dead.state());
        assertEquals("text may be in the window", dead.lastError());
    }

    @Test
    void retryPutsADeadMessageBackWithAttemptsReset() {
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        queue.markFailed(m.id(), "broken", true);

        QueuedMessage back = queue.retry(dev.switchboard.core.message.MessageIds.shortForm(m.id()), "admin");

        assertEquals(MessageState.QUEUED, back.state());
        assertEquals(0, back.attempts());
        assertEquals(1, queue.claimNext("Agent-1", "w", LEASE).orElseThrow().attempts());
    }

    @Test
    void retryOfARetryWaitMessageMakesItDueNow() {
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        queue.markFailed(m.id(), "busy", false);
        assertEquals(Optional.empty(), queue.claimNext("Agent-1", "w", LEASE));

        queue.retry(m.id(), "admin");

        assertTrue(queue.claimNext("Agent-1", "w", LEASE).isPresent());
    }

    @Test
    void retryOfADeliveredOrDeliveringMessageIsRefused() {
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        assertThrows(IllegalTransitionException.class, () -> queue.retry(m.id(), "admin"));
        queue.markDelivered(m.id(), "inbox", true, null);
        assertThrows(IllegalTransitionException.class, () -> queue.retry(m.id(), "admin"));
        assertEquals(MessageState.DELIVERED, state());
    }

    @Test
    void cancelStopsAQueuedMessageAndIsRefusedOnceDelivered() {
        UnifiedMessage other = message(clock, "Agent-1", Priority.NORMAL, "keep");
        queue.enqueue(other);

        QueuedMessage cancelled =
                queue.cancel("#" + dev.switchboard.core.message.MessageIds.shortForm(m.id()), "admin");

        assertEquals(MessageState.CANCELLED, cancelled.state());
        assertEquals(
                "keep",
                queue.claimNext("Agent-1", "w", LEASE).orElseThrow().message().body());
        queue.markDelivered(other.id(), "inbox", true, null);
        IllegalTransitionException e =
                assertThrows(IllegalTransitionException.class, () -> queue.cancel(other.id(), "admin"));
        assertEquals(MessageState.DELIVERED, e.from());
        assertEquals(
                MessageState.DELIVERED, queue.find(other.id()).orElseThrow().state());
        assertThrows(IllegalTransitionException.class, () -> queue.cancel(m.id(), "admin"), "already cancelled");
    }

    @Test
    void illegalTransitionsAreRejectedAndChangeNothing() {
        assertThrows(IllegalTransitionException.class, () -> queue.markDelivered(m.id(), "inbox", true, null));
        assertThrows(IllegalTransitionException.class, () -> queue.markRead(m.id(), "test"));
        assertThrows(IllegalTransitionException.class, () -> queue.markFailed(m.id(), "x", false));
        assertEquals(MessageState.QUEUED, state());
        assertEquals(1, queue.history(m.id()).size(), "no transition was recorded");
    }

    @Test
    void markReadIsIdempotent() {
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        queue.markDelivered(m.id(), "inbox", true, null);
        assertTrue(queue.markRead(m.id(), "moved to processed/"));
        assertFalse(queue.markRead(m.id(), "ack"));
        assertEquals(MessageState.READ, state());
    }

    @Test
    void acknowledgementsSubmittedTogetherAllLandAndEachReportsItsOwnOutcome() throws Exception {
        // GIVEN the message and five more delivered, and one unknown id
        List<UnifiedMessage> all = new java.util.ArrayList<>(List.of(m));
        for (int i = 0; i < 5; i++) {
            UnifiedMessage more = message(clock, "Agent-1", Priority.NORMAL, "more " + i);
            queue.enqueue(more);
            all.add(more);
        }
        queue.claimBatch("Agent-1", "w", LEASE, 10);
        all.forEach(x -> queue.markDelivered(x.id(), "inbox", true, null));
        queue.markRead(all.get(0).id(), "already");
        String unknown = dev.switchboard.core.message.MessageIds.newId();

        // WHEN all are acknowledged without waiting in between
        List<java.util.concurrent.CompletableFuture<Boolean>> acks = all.stream()
                .map(x -> queue.markReadAsync(x.id(), "moved to processed/"))
                .toList();
        var missing = queue.markReadAsync(unknown, "moved to processed/");

        // THEN the one already read says so, the others changed, and the unknown one failed alone
        assertEquals(
                List.of(false, true, true, true, true, true),
                acks.stream().map(java.util.concurrent.CompletableFuture::join).toList());
        java.util.concurrent.ExecutionException e =
                assertThrows(java.util.concurrent.ExecutionException.class, missing::get);
        assertTrue(e.getCause() instanceof UnknownMessageException, e.getCause().toString());
        all.forEach(x ->
                assertEquals(MessageState.READ, queue.find(x.id()).orElseThrow().state()));
        assertEquals(
                List.of(MessageState.QUEUED, MessageState.DELIVERING, MessageState.DELIVERED, MessageState.READ),
                queue.history(all.get(3).id()).stream().map(Transition::to).toList(),
                "one READ each");
    }

    @Test
    void pauseHoldsAnAgentsMessagesUntilResumedAndSurvivesARestart() {
        queue.pause("Agent-1", "admin");
        assertTrue(queue.isPaused("Agent-1"));
        assertFalse(queue.hasReady("Agent-1"));
        assertEquals(Optional.empty(), queue.claimNext("Agent-1", "w", LEASE));
        assertEquals(java.util.Set.of("Agent-1"), queue.stats().paused());

        queue.close();
        queue = QueueFixture.open(dir, clock, 3);
        assertTrue(queue.isPaused("Agent-1"), "pause is durable");
        assertFalse(queue.isPaused("Agent-2"));

        queue.resume("Agent-1", "admin");
        assertTrue(queue.hasReady("Agent-1"));
        assertEquals(
                m.id(), queue.claimNext("Agent-1", "w", LEASE).orElseThrow().id());
    }

    @Test
    void historyRecordsEveryTransitionWithItsTime() {
        Instant queuedAt = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        queue.claimNext("Agent-1", "w", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        queue.markDelivered(m.id(), "gui", false, "typed; window did not clear");
        clock.advance(Duration.ofSeconds(1));
        queue.markRead(m.id(), "acknowledged by alice");

        List<Transition> h = queue.history(m.id());

        assertEquals(4, h.size());
        assertNull(h.get(0).from());
        assertEquals(
                List.of(MessageState.QUEUED, MessageState.DELIVERING, MessageState.DELIVERED, MessageState.READ),
                h.stream().map(Transition::to).toList());
        assertEquals(
                List.of(queuedAt, queuedAt.plusSeconds(1), queuedAt.plusSeconds(2), queuedAt.plusSeconds(3)),
                h.stream().map(Transition::at).toList());
        assertEquals("gui", h.get(2).method());
        assertEquals(Boolean.FALSE, h.get(2).verified());
        assertEquals("typed; window did not clear", h.get(2).detail());
        assertEquals("acknowledged by alice", h.get(3).detail());
        assertTrue(h.get(0).seq() < h.get(1).seq() && h.get(2).seq() < h.get(3).seq());
        QueuedMessage now = queue.find(m.id()).orElseThrow();
        assertEquals("gui", now.method());
        assertEquals(Boolean.FALSE, now.verified());
    }

    @Test
    void statsCountByStateAndAgent() {
        queue.enqueue(message(clock, "Agent-1", Priority.NORMAL, "2"));
        UnifiedMessage b = message(clock, "Agent-2", Priority.NORMAL, "b");
        queue.enqueue(b);
        queue.claimNext("Agent-2", "w", LEASE);
        queue.markDelivered(b.id(), "inbox", true, null);
        queue.claimNext("Agent-1", "w", LEASE);
        queue.pause("Agent-3", "admin");

        QueueStats s = queue.stats();

        assertEquals(1, s.count(MessageState.QUEUED));
        assertEquals(1, s.count(MessageState.DELIVERING));
        assertEquals(1, s.count(MessageState.DELIVERED));
        assertEquals(0, s.count(MessageState.DEAD));
        assertEquals(2, s.pending("Agent-1"));
        assertEquals(0, s.pending("Agent-2"));
        assertEquals(1L, s.byAgent().get("Agent-2").get(MessageState.DELIVERED));
        assertEquals(java.util.Set.of("Agent-3"), s.paused());
    }

    @Test
    void purgeDeadDeletesOnlyDeadMessagesAndTheirHistory() {
        UnifiedMessage keep = message(clock, "Agent-1", Priority.LOW, "keep");
        queue.enqueue(keep);
        queue.claimNext("Agent-1", "w", LEASE);
        queue.markFailed(m.id(), "broken", true);

        assertEquals(1, queue.purgeDead());

        assertEquals(Optional.empty(), queue.find(m.id()));
        assertEquals(List.of(), queue.history(m.id()));
        assertEquals(MessageState.QUEUED, queue.find(keep.id()).orElseThrow().state());
        assertEquals(0, queue.purgeDead());
    }

    @Test
    void recoverAbandonedReturnsDeliveriesOfEarlierIncarnationsOnly() {
        UnifiedMessage mine = message(clock, "Agent-2", Priority.NORMAL, "mine");
        queue.enqueue(mine);
        queue.claimNext("Agent-1", "old-run/Agent-1", Duration.ofHours(1)).orElseThrow();
        queue.claimNext("Agent-2", "new-run/Agent-2", Duration.ofHours(1)).orElseThrow();

        assertEquals(1, queue.recoverAbandoned("new-run"));

        assertEquals(MessageState.QUEUED, state());
        assertEquals(
                MessageState.DELIVERING, queue.find(mine.id()).orElseThrow().state());
        Transition last = queue.history(m.id()).get(queue.history(m.id()).size() - 1);
        assertEquals("recovered after restart", last.detail());
        assertEquals(
                m.id(),
                queue.claimNext("Agent-1", "new-run/Agent-1", LEASE)
                        .orElseThrow()
                        .id(),
                "deliverable at once, without waiting for the old lease");
    }

    @Test
    void anAttemptThatStartedTypingAndWasCutOffIsKnownToTheNextClaimOnly() {
        queue.claimNext("Agent-1", "old-run/Agent-1", LEASE).orElseThrow();
        queue.markTyping(m.id(), "tmux");
        assertEquals(1, queue.recoverAbandoned("new-run"));
        Transition last = queue.history(m.id()).get(queue.history(m.id()).size() - 1);
        assertTrue(last.detail().startsWith("recovered after restart; typing by tmux had started"), last.detail());

        // The next claim learns it; so does the one after, when that one was cut off before it recorded its own.
        queue.claimNext("Agent-1", "new-run/Agent-1", LEASE).orElseThrow();
        assertEquals(Optional.of("tmux"), queue.interruptedTyping(m.id()));
        assertEquals(1, queue.recoverAbandoned("third-run"));
        queue.claimNext("Agent-1", "third-run/Agent-1", LEASE).orElseThrow();
        assertEquals(Optional.of("tmux"), queue.interruptedTyping(m.id()));

        // An attempt that ends with an outcome settles it: its retry is a fresh delivery.
        queue.markFailed(m.id(), "may already be in the input", true);
        queue.retry(m.id(), "operator");
        queue.claimNext("Agent-1", "third-run/Agent-1", LEASE).orElseThrow();
        assertEquals(Optional.empty(), queue.interruptedTyping(m.id()));
    }

    @Test
    void aClaimCutOffBeforeTypingIsDeliveredAfresh() {
        queue.claimNext("Agent-1", "old-run/Agent-1", LEASE).orElseThrow();
        assertEquals(1, queue.recoverAbandoned("new-run"));
        queue.claimNext("Agent-1", "new-run/Agent-1", LEASE).orElseThrow();
        assertEquals(Optional.empty(), queue.interruptedTyping(m.id()));
    }
}
