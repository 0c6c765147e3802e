package dev.switchboard.bench;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.delivery.BatchDeliverer;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.WorkerPool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full cycle on the real pieces: producers enqueue, the event pump wakes the real per-agent
 * {@link dev.switchboard.delivery.DeliveryWorker}s, which claim under a lease, deliver and mark DELIVERED; on
 * the DELIVERED event the message is acknowledged as the inbox watcher does when an agent moves its file to
 * {@code processed/} ({@code markReadAsync}: acknowledgements arriving together share a commit). Timed
 * from the first enqueue to the last READ. Run twice: once delivering into nothing (the queue's own cycle, the
 * figure the goal is about) and once writing every inbox file (bounded by the disk's atomic-write rate).
 */
final class CycleBench {
    /** As many concurrent senders as the enqueue figure's headline (64): with 8 the producers are the limit. */
    static final int PRODUCERS = 64;

    /** Figures, with when (seconds from the start) the last message was enqueued and delivered. */
    record Result(int messages, double perSecond, double seconds, double allEnqueuedAt, double allDeliveredAt) {}

    private CycleBench() {}

    /**
     * Stands in for a deliverer that costs nothing, so the cycle measures the queue and workers alone; it takes
     * batches like the inbox does, so the workers claim and record a backlog the same way.
     */
    static final class NoWriteDeliverer implements BatchDeliverer {
        @Override
        public DeliveryMethod method() {
            return DeliveryMethod.INBOX;
        }

        @Override
        public Optional<String> preflight(AgentConfig agent) {
            return Optional.empty();
        }

        @Override
        public DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) {
            return DeliveryOutcome.verified("bench: nothing written");
        }

        @Override
        public List<DeliveryOutcome> deliverAll(List<UnifiedMessage> messages, AgentConfig agent) {
            return messages.stream().map(m -> deliver(m, agent)).toList();
        }
    }

    static Result run(Path dataDir, Path workspaces, int messages, boolean writeInboxFiles)
            throws InterruptedException {
        SwitchboardConfig cfg = SwitchboardConfig.defaults(dataDir.getParent())
                .withDataDir(dataDir)
                .withWorkspaces(workspaces);
        AgentRegistry agents = new AgentRegistry(cfg.agents());
        EventBus bus = new EventBus();
        CountDownLatch allRead = new CountDownLatch(messages);
        AtomicLong delivered = new AtomicLong();
        AtomicLong lastDelivery = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(dataDir, 3, new Backoff(1_000, 60_000))) {
            EventPump pump = new EventPump(queue, bus, 200);
            queue.onCommit(pump::wakeUp);
            AutoCloseable ack = bus.subscribe(e -> {
                if (e.to() == MessageState.DELIVERED) {
                    if (delivered.incrementAndGet() == messages) {
                        lastDelivery.set(System.nanoTime());
                    }
                    queue.markReadAsync(e.messageId(), "bench ack").whenComplete((changed, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            allRead.countDown();
                        }
                    });
                } else if (e.to() == MessageState.DEAD || e.to() == MessageState.RETRY_WAIT) {
                    failure.compareAndSet(null, new IllegalStateException("delivery failed: " + e.detail()));
                }
            });
            Deliverer deliverer = writeInboxFiles ? new InboxDeliverer(cfg::inboxOf) : new NoWriteDeliverer();
            FallbackChain chain = new FallbackChain(List.of(deliverer), 3, Duration.ofSeconds(30), Clock.systemUTC());
            WorkerPool workers = new WorkerPool(
                    UUID.randomUUID().toString(), queue, agents, chain, bus, Duration.ofSeconds(60), 250);
            try {
                long start = System.nanoTime();
                produce(queue, messages, failure);
                double enqueued = (System.nanoTime() - start) / 1e9;
                while (!allRead.await(100, TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null) {
                        throw new IllegalStateException(
                                "cycle failed: " + failure.get().getMessage(), failure.get());
                    }
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                        throw new IllegalStateException("cycle did not finish: " + allRead.getCount() + " unread");
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Result(messages, messages / seconds, seconds, enqueued, (lastDelivery.get() - start) / 1e9);
            } finally {
                workers.close();
                close(ack);
                pump.close();
            }
        }
    }

    private static void produce(SqliteMessageQueue queue, int messages, AtomicReference<Throwable> failure)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        Thread[] threads = new Thread[PRODUCERS];
        for (int t = 0; t < PRODUCERS; t++) {
            threads[t] = new Thread(
                    () -> {
                        try {
                            for (long n; (n = next.getAndIncrement()) < messages; ) {
                                queue.enqueue(Messages.request(n));
                            }
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "bench-cycle-producer-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
