package dev.switchboard.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageCodec;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's outbox relay: for each agent that lives on a node, takes its messages from the queue (claimed, so
 * DELIVERING, under a lease owned by this hub's incarnation) and publishes them to the agent's broker queue with
 * publisher confirms. A message is handed over only when the broker confirmed it; until then the relay keeps
 * trying (a broker restart delays it, it does not cost a delivery attempt). If the hub dies in between, the next
 * hub finds the message DELIVERING under a dead incarnation, puts it back to QUEUED and sends it again: the node
 * recognizes the id and does not deliver twice.
 */
final class HubRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubRelay.class);
    /** The node reports the outcome; the lease only has to outlive the hub's own process. */
    static final Duration RELAY_LEASE = Duration.ofDays(365);

    private static final int BATCH = 32;

    private final Connection connection;
    private final MessageQueue queue;
    private final AgentRegistry registry;
    private final String incarnation;
    private final long pollMillis;
    private final Map<String, AgentRelay> relays = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;
    private volatile boolean closed;

    public HubRelay(
            Connection connection,
            MessageQueue queue,
            AgentRegistry registry,
            EventBus bus,
            String incarnation,
            long pollMillis)
            throws IOException {
        this.connection = connection;
        this.queue = queue;
        this.registry = registry;
        this.incarnation = incarnation;
        this.pollMillis = pollMillis;
        try (Channel ch = connection.createChannel()) {
            Topology.declareCommon(ch);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("broker did not answer while declaring the topology", e);
        }
        this.subscription = bus.subscribe(e -> {
            if (e.to() == MessageState.QUEUED) {
                AgentRelay r = relays.get(e.agent());
                if (r != null) {
                    r.wake.release();
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
        Set<String> remote =
                agents.stream().filter(AgentConfig::remote).map(AgentConfig::id).collect(Collectors.toSet());
        for (String agent : remote) {
            relays.computeIfAbsent(agent, AgentRelay::new);
        }
        for (String agent : Set.copyOf(relays.keySet())) {
            if (!remote.contains(agent)) {
                relays.remove(agent).close();
            }
        }
    }

    /** Agents this hub relays to nodes. */
    public Set<String> agents() {
        return Set.copyOf(relays.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribing the relay", e);
        }
        relays.values().forEach(AgentRelay::close);
        relays.clear();
    }

    /** One agent's relay loop: claimed messages are kept in order until the broker confirms them. */
    private final class AgentRelay implements AutoCloseable {
        final String agent;
        final Semaphore wake = new Semaphore(0);
        final Deque<QueuedMessage> unconfirmed = new ArrayDeque<>();
        final BackgroundLoop loop;
        ConfirmingPublisher publisher;

        AgentRelay(String agent) {
            this.agent = agent;
            // A failure (broker down, queue busy) is logged once and retried with back-off: the claimed
            // messages stay here, so a broker restart delays them without costing a delivery attempt.
            this.loop = BackgroundLoop.named("relay-" + agent)
                    .log(LOG)
                    .backoff(Duration.ofMillis(pollMillis), Duration.ofSeconds(5))
                    .start(this::pass);
        }

        private void pass() throws IOException, InterruptedException {
            try {
                if (publisher == null) {
                    declare();
                }
                if (unconfirmed.isEmpty() && queue.hasReady(agent)) {
                    unconfirmed.addAll(queue.claimBatch(agent, incarnation + "/relay/" + agent, RELAY_LEASE, BATCH));
                }
                if (unconfirmed.isEmpty()) {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    return;
                }
                // All claimed messages at once, confirmed together; on failure all are sent again (the node
                // recognizes ids it already has).
                List<ConfirmingPublisher.Outgoing> jobs = unconfirmed.stream()
                        .map(qm -> new ConfirmingPublisher.Outgoing(
                                agent,
                                qm.id(),
                                MessageCodec.encode(qm.message()).getBytes(StandardCharsets.UTF_8)))
                        .toList();
                publisher.publishAll(Topology.JOBS, jobs);
                unconfirmed.clear();
            } catch (com.rabbitmq.client.AlreadyClosedException e) {
                publisher = null;
                throw e;
            }
        }

        private void declare() throws IOException {
            try (Channel ch = connection.createChannel()) {
                Topology.declareAgent(ch, agent);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException("broker did not answer while declaring " + agent + "'s queue", e);
            }
            publisher = new ConfirmingPublisher(connection);
        }

        @Override
        public void close() {
            wake.release();
            loop.close();
            if (publisher != null) {
                publisher.close();
            }
        }
    }
}
