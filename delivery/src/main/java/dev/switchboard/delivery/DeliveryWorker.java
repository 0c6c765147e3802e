package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.logging.MessageMdc;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.loop.WakeSignal;
import dev.switchboard.core.message.IllegalTransitionException;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.UnknownMessageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one agent's queue, one message at a time (so an agent gets its messages in order). It sleeps until
 * woken by a new message for its agent, or until the next poll (for retries coming due and for messages
 * queued by other processes).
 */
final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Most messages taken at once when the agent's first method delivers batches. */
    static final int MAX_BATCH = 32;

    private final String agent;
    private final String workerId;
    private final MessageQueue queue;
    private final AgentRegistry registry;
    private final FallbackChain chain;
    private final Duration lease;
    private final long pollMillis;
    private final WakeSignal wake = new WakeSignal();
    /**
     * Outcomes that could not be written (a full disk): written again before anything new is claimed, so the
     * message moves on (to RETRY_WAIT, say) as soon as the queue takes writes again, instead of sitting in
     * DELIVERING until its lease runs out.
     */
    private final Queue<Runnable> unrecorded = new ConcurrentLinkedQueue<>();

    private BackgroundLoop loop;
    private volatile boolean running = true;

    public DeliveryWorker(
            String agent,
            String incarnation,
            MessageQueue queue,
            AgentRegistry registry,
            FallbackChain chain,
            Duration lease,
            long pollMillis) {
        this.agent = agent;
        this.workerId = incarnation + "/" + agent;
        this.queue = queue;
        this.registry = registry;
        this.chain = chain;
        this.lease = lease;
        this.pollMillis = pollMillis;
    }

    public synchronized DeliveryWorker start() {
        if (loop == null) {
            // A failure (queue unavailable, a deliverer's bug) is logged once and retried with back-off.
            loop = BackgroundLoop.named("deliver-" + agent)
                    .log(LOG)
                    .backoff(Duration.ofMillis(pollMillis), Duration.ofSeconds(5))
                    .unblockWith(wake::close)
                    .start(this::pass);
        }
        return this;
    }

    public String agent() {
        return agent;
    }

    /** False once its loop's thread has ended (before start, too). */
    public boolean isAlive() {
        BackgroundLoop l = loop;
        return l != null && l.alive();
    }

    /** Something may be ready for this agent. */
    public void wakeUp() {
        wake.wake();
    }

    /** One pass of its loop (tests drive it step by step). */
    void pass() throws InterruptedException {
        recordUnrecorded();
        if (!deliverOne()) {
            wake.await(pollMillis);
        }
    }

    /** @throws QueueException when the queue still takes no writes (the loop backs off and comes back) */
    private void recordUnrecorded() {
        for (Runnable r; (r = unrecorded.peek()) != null; ) {
            try {
                r.run();
            } catch (IllegalTransitionException | UnknownMessageException e) {
                // Its lease ran out meanwhile and it moved on (or was purged): nothing left to record.
                LOG.info("worker for {}: outcome no longer applies: {}", agent, e.getMessage());
            }
            unrecorded.remove();
        }
    }

    /** @return whether messages were handled (then look again at once) */
    boolean deliverOne() throws InterruptedException {
        if (!queue.hasReady(agent)) {
            return false;
        }
        Optional<AgentConfig> config = registry.resolve(agent);
        // A backlog for an inbox agent goes out as one batch of files (one directory fsync, one claim).
        int max = config.map(c -> chain.batchSize(c, MAX_BATCH)).orElse(1);
        List<QueuedMessage> claimed = queue.claimBatch(agent, workerId, lease, max);
        if (claimed.isEmpty()) {
            return false;
        }
        if (config.isEmpty()) {
            for (QueuedMessage qm : claimed) {
                queue.markFailed(qm.id(), "agent " + agent + " is no longer configured", true);
            }
            return true;
        }
        List<FallbackChain.Result> results = deliver(claimed, config.get());
        QueueException unavailable = null;
        for (int i = 0; i < claimed.size(); i++) {
            try {
                record(claimed.get(i), results.get(i));
            } catch (QueueException e) {
                unavailable = unavailable == null ? e : unavailable; // the others' outcomes are still written
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return true;
    }

    /**
     * Delivers what was claimed. A message whose previous attempt was cut off after it had started typing (a crash
     * between the first keystroke and the recorded outcome) is not delivered afresh: see {@link #resume}.
     */
    private List<FallbackChain.Result> deliver(List<QueuedMessage> claimed, AgentConfig config)
            throws InterruptedException {
        List<Optional<DeliveryMethod>> cutOff = new ArrayList<>(claimed.size());
        for (QueuedMessage qm : claimed) {
            // Only a message claimed before can have been cut off: no history read for a first attempt.
            cutOff.add(
                    qm.attempts() > 1 ? queue.interruptedTyping(qm.id()).map(DeliveryMethod::parse) : Optional.empty());
        }
        if (cutOff.stream().allMatch(Optional::isEmpty)) {
            return chain.deliverAll(claimed.stream().map(QueuedMessage::message).toList(), config, this::typing);
        }
        List<FallbackChain.Result> results = new ArrayList<>(claimed.size());
        for (int i = 0; i < claimed.size(); i++) {
            QueuedMessage qm = claimed.get(i);
            results.add(
                    cutOff.get(i).isPresent()
                            ? resume(qm, config, cutOff.get(i).get())
                            : chain.deliver(qm.message(), config, this::typing));
        }
        return results;
    }

    /** Durably, before the first keystroke: this attempt types (so a crash from now on is known to have). */
    private void typing(UnifiedMessage message, DeliveryMethod method) {
        queue.markTyping(message.id(), method.key());
    }

    /**
     * The previous attempt stopped after {@code typedBy} had started typing: its text may sit unsubmitted in the
     * agent's input, or may have been submitted already. Exactly its text in the input line is submitted
     * ({@link FallbackChain#finishInterrupted}); otherwise it is not typed again ({@link
     * FallbackChain#deliverAfterCutOff}).
     */
    private FallbackChain.Result resume(QueuedMessage qm, AgentConfig config, DeliveryMethod typedBy)
            throws InterruptedException {
        try (MessageMdc ignored = MessageMdc.of(qm.id(), qm.message().correlationId(), agent)) {
            LOG.info(
                    "the last delivery to {} was cut off after {} had started typing: not typed again",
                    agent,
                    typedBy.key());
            // This attempt may press Enter: recorded first, so a crash during it is not followed by a fresh typing.
            queue.markTyping(qm.id(), typedBy.key());
            Optional<FallbackChain.Result> finished = chain.finishInterrupted(qm.message(), config);
            if (finished.isPresent() && finished.get().outcome().delivered()) {
                return finished.get();
            }
            return chain.deliverAfterCutOff(qm.message(), config, typedBy, this::typing);
        }
    }

    private void record(QueuedMessage qm, FallbackChain.Result result) {
        try (MessageMdc ignored = MessageMdc.of(qm.id(), qm.message().correlationId(), agent)) {
            recordLogged(qm, result);
        }
    }

    private void recordLogged(QueuedMessage qm, FallbackChain.Result result) {
        if (result.outcome().delivered()) {
            LOG.info(
                    "delivered to {} by {} ({}){}",
                    agent,
                    result.method().key(),
                    result.outcome().verified() ? "verified" : "unverified",
                    result.detail() == null ? "" : ": " + result.detail());
            // Not waited for: the next claim is written after it, so both commit with one fsync. If it cannot
            // be committed, it is written again before the next claim.
            queue.markDeliveredAsync(
                            qm.id(), result.method().key(), result.outcome().verified(), result.detail())
                    .whenComplete((done, failure) -> {
                        if (failure != null && running) {
                            LOG.warn(
                                    "worker for {}: cannot record the delivery of {} yet: {}",
                                    agent,
                                    qm.id(),
                                    failure.getMessage());
                            unrecorded.add(() -> queue.markDelivered(
                                    qm.id(),
                                    result.method().key(),
                                    result.outcome().verified(),
                                    result.detail()));
                        }
                    });
        } else if (result.deferred()) {
            // Every method was cooling down, so nothing was tried: that must not use up an attempt.
            recordOrKeep(() -> queue.postpone(qm.id(), result.outcome().detail(), result.waitUntil()));
        } else {
            // Text may sit in the agent's window: retrying could duplicate it, so an operator decides.
            boolean permanent = !result.outcome().fallbackAllowed();
            LOG.info(
                    "delivery to {} failed{}: {}",
                    agent,
                    permanent ? " (not retried)" : "",
                    result.outcome().detail());
            recordOrKeep(() -> queue.markFailed(qm.id(), result.outcome().detail(), permanent));
        }
    }

    /**
     * Writes an outcome; one the queue does not take now (a full disk) is kept and written before anything new
     * is claimed, so its message leaves DELIVERING as soon as writes work again, not when its lease runs out.
     */
    private void recordOrKeep(Runnable outcome) {
        try {
            outcome.run();
        } catch (QueueException e) {
            unrecorded.add(outcome);
            throw e;
        }
    }

    /** Lets the current delivery finish (up to 10 s), then stops. */
    @Override
    public void close() {
        running = false;
        BackgroundLoop l;
        synchronized (this) {
            l = loop;
        }
        if (l != null) {
            l.stop(); // closes the wake signal: a worker waiting for work ends at once
        }
    }
}
