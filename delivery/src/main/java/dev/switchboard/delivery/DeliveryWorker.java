package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.QueuedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one agent's queue, one message at a time (so an agent gets its messages in order). It sleeps until
 * woken by a new message for its agent, or until the next poll (for retries coming due and for messages
 * queued by other processes).
 */
public final class DeliveryWorker implements AutoCloseable {
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
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public DeliveryWorker(String agent, String incarnation, MessageQueue queue, AgentRegistry registry,
                          FallbackChain chain, Duration lease, long pollMillis) {
        this.agent = agent;
        this.workerId = incarnation + "/" + agent;
        this.queue = queue;
        this.registry = registry;
        this.chain = chain;
        this.lease = lease;
        this.pollMillis = pollMillis;
        this.thread = new Thread(this::loop, "deliver-" + agent);
        thread.setDaemon(true);
    }

    public DeliveryWorker start() {
        thread.start();
        return this;
    }

    public String agent() {
        return agent;
    }

    /** Something may be ready for this agent. */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                if (!deliverOne()) {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (QueueException e) {
                if (!running) {
                    return;
                }
                LOG.warn("worker for {}: queue unavailable: {}", agent, e.getMessage());
                sleep();
            } catch (RuntimeException e) {
                LOG.error("worker for {} hit an unexpected error", agent, e);
                sleep();
            }
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
        List<FallbackChain.Result> results = chain.deliverAll(
                claimed.stream().map(QueuedMessage::message).toList(), config.get());
        for (int i = 0; i < claimed.size(); i++) {
            record(claimed.get(i), results.get(i));
        }
        return true;
    }

    private void record(QueuedMessage qm, FallbackChain.Result result) {
        if (result.outcome().delivered()) {
            // Not waited for: the next claim is written after it, so both commit with one fsync. If it cannot
            // be committed, the lease runs out and the redelivery finds the message already there.
            queue.markDeliveredAsync(qm.id(), result.method().key(), result.outcome().verified(), result.detail())
                    .whenComplete((done, failure) -> {
                        if (failure != null && running) {
                            LOG.error("worker for {}: cannot record the delivery of {}", agent, qm.id(), failure);
                        }
                    });
        } else if (result.deferred()) {
            // Every method was cooling down, so nothing was tried: that must not use up an attempt.
            queue.postpone(qm.id(), result.outcome().detail(), result.waitUntil());
        } else {
            // Text may sit in the agent's window: retrying could duplicate it, so an operator decides.
            boolean permanent = !result.outcome().fallbackAllowed();
            queue.markFailed(qm.id(), result.outcome().detail(), permanent);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the current delivery finish (up to 10 s), then stops. */
    @Override
    public void close() {
        running = false;
        wake.release();
        try {
            thread.join(10_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
