package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable queue. Every method that changes state returns only after the change is committed; the
 * status event for it is published after that.
 */
public interface MessageQueue extends AutoCloseable {

    /** Stores a message addressed to one agent; completes when committed (group commit). */
    CompletableFuture<QueuedMessage> enqueueAsync(UnifiedMessage message);

    /** Blocking {@link #enqueueAsync}. */
    QueuedMessage enqueue(UnifiedMessage message);

    /**
     * Takes the next deliverable message of an agent (URGENT first, FIFO within a priority), moving it to
     * DELIVERING under a lease owned by {@code worker}. Expired leases of that agent return to QUEUED first.
     * Nothing is claimed while the agent is paused.
     */
    Optional<QueuedMessage> claimNext(String agent, String worker, Duration lease);

    /**
     * Up to {@code max} of an agent's deliverable messages, in delivery order, each claimed as by
     * {@link #claimNext} (one transaction for all). For deliverers that write many messages at once.
     */
    default List<QueuedMessage> claimBatch(String agent, String worker, Duration lease, int max) {
        return claimNext(agent, worker, lease).map(List::of).orElse(List.of());
    }

    /** Cheap read: does the agent have a message ready now (and is not paused)? */
    boolean hasReady(String agent);

    /**
     * Records, committed before it returns, that the current attempt of this DELIVERING message is about to type
     * into the agent by {@code method} (tmux, gui): kept on the attempt's DELIVERING transition, so that after a
     * crash the attempt is known to have maybe typed (see {@link #interruptedTyping}). No new state, no event.
     * The default, for queues that cannot keep it, does nothing.
     */
    default void markTyping(String id, String method) {}

    /**
     * For a message just claimed: the method by which its previous attempt had started typing when that attempt
     * was cut off (the process stopped, or its lease ran out, with no outcome recorded), so its text may already
     * have been typed and submitted. Empty when the previous attempt typed nothing, ended with an outcome, or an
     * operator asked for the retry.
     */
    default Optional<String> interruptedTyping(String id) {
        return Optional.empty();
    }

    /** DELIVERING → DELIVERED by {@code method}; {@code verified} says whether it was seen to arrive. */
    QueuedMessage markDelivered(String id, String method, boolean verified, String detail);

    /**
     * {@link #markDelivered} without waiting for the commit. Writes are applied in the order they are
     * submitted, so a worker's next {@link #claimNext} commits together with (or after) this.
     */
    default CompletableFuture<Void> markDeliveredAsync(String id, String method, boolean verified, String detail) {
        markDelivered(id, method, verified, detail);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A failed attempt: RETRY_WAIT with exponential backoff and jitter, or DEAD (reason kept) when attempts
     * are used up or {@code permanent}.
     */
    QueuedMessage markFailed(String id, String reason, boolean permanent);

    /**
     * A claimed message that was not tried after all (every delivery method was in its cool-down): back to
     * RETRY_WAIT until {@code until}, without using up an attempt; its last error (the root cause) is kept.
     * The default, for queues that cannot give an attempt back, counts it as a failed one.
     */
    default QueuedMessage postpone(String id, String reason, java.time.Instant until) {
        return markFailed(id, reason, false);
    }

    /** DELIVERED → READ. @return false if it was already read (idempotent) */
    boolean markRead(String id, String via);

    /**
     * {@link #markRead} without waiting for the commit, so many acknowledgements (a backlog of inbox files moved
     * at once) share one; the future holds what {@code markRead} would return, or its exception.
     */
    default CompletableFuture<Boolean> markReadAsync(String id, String via) {
        try {
            return CompletableFuture.completedFuture(markRead(id, via));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** QUEUED or RETRY_WAIT → CANCELLED. */
    QueuedMessage cancel(String id, String by);

    /** DEAD or RETRY_WAIT → QUEUED with attempts reset, delivered as soon as possible. */
    QueuedMessage retry(String id, String by);

    void pause(String agent, String by);

    void resume(String agent, String by);

    boolean isPaused(String agent);

    /** Every DELIVERING message whose lease is not owned by a live worker of {@code incarnation} → QUEUED. */
    int recoverAbandoned(String incarnation);

    /** By full id, or by a unique id suffix/prefix of at least 4 characters (as shown in chat). */
    Optional<QueuedMessage> find(String idOrShort);

    List<Transition> history(String id);

    /** Newest first, filtered by states (empty = all) and agent (null = all). */
    List<QueuedMessage> list(Collection<MessageState> states, String agent, int limit);

    QueueStats stats();

    /** Deletes DEAD messages and their history. @return how many */
    int purgeDead();

    /** The highest transition sequence number so far. */
    long lastEventSeq();

    /** Transitions after {@code seq}, oldest first, as events (for the bus and for other processes). */
    List<dev.switchboard.core.events.StatusEvent> eventsAfter(long seq, int limit);

    /** Recurring messages ({@code msg --every}); one-shot scheduled messages are plain messages with a later notBefore. */
    default Schedules schedules() {
        throw new UnsupportedOperationException("this queue keeps no schedules");
    }

    @Override
    void close();
}
