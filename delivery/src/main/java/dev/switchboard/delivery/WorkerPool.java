package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageQueue;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DeliveryWorker} per configured agent; workers come and go as the agents file changes. A newly
 * queued (or re-queued) message wakes its agent's worker through the event bus.
 */
public final class WorkerPool implements AutoCloseable {
    private final Map<String, DeliveryWorker> workers = new ConcurrentHashMap<>();
    private final String incarnation;
    private final MessageQueue queue;
    private final AgentRegistry registry;
    private final FallbackChain chain;
    private final Duration lease;
    private final long pollMillis;
    private final AutoCloseable subscription;
    private volatile boolean closed;

    public WorkerPool(
            String incarnation,
            MessageQueue queue,
            AgentRegistry registry,
            FallbackChain chain,
            EventBus bus,
            Duration lease,
            long pollMillis) {
        this.incarnation = incarnation;
        this.queue = queue;
        this.registry = registry;
        this.chain = chain;
        this.lease = lease;
        this.pollMillis = pollMillis;
        this.subscription = bus.subscribe(e -> {
            if (e.to() == MessageState.QUEUED) {
                DeliveryWorker w = workers.get(e.agent());
                if (w != null) {
                    w.wakeUp();
                }
            }
        });
        registry.onChange(this::sync);
        sync(registry.all());
    }

    private synchronized void sync(List<AgentConfig> agents) {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (AgentConfig a : agents) {
            if (a.remote()) {
                continue; // delivered by its node; the hub's relay sends it there
            }
            wanted.add(a.id());
            workers.computeIfAbsent(
                    a.id(),
                    id -> new DeliveryWorker(id, incarnation, queue, registry, chain, lease, pollMillis).start());
        }
        for (String id : Set.copyOf(workers.keySet())) {
            if (!wanted.contains(id)) {
                workers.remove(id).close();
            }
        }
    }

    /** Agents whose worker thread has ended without being stopped (the supervisor restarts the pool). */
    public List<String> deadWorkers() {
        return workers.values().stream()
                .filter(w -> !w.isAlive())
                .map(DeliveryWorker::agent)
                .sorted()
                .toList();
    }

    public Set<String> agents() {
        return Set.copyOf(workers.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        workers.values().parallelStream().forEach(DeliveryWorker::close);
        workers.clear();
    }
}
