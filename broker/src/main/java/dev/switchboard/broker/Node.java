package dev.switchboard.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.MessageCodec;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxWatcher;
import dev.switchboard.delivery.ReadReceipts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code switchboard node}: delivers to the agents whose {@code node:} is this node's name, on this desktop.
 * Each agent's queue is consumed on its own channel with prefetch 1 and manual acks, by its own thread, so a slow
 * window never holds up another agent. For each job: record it as started (so a crash can never make it typed
 * twice), announce "delivering" (not waited for), deliver through the fallback chain, record the outcome, report
 * it, and only when the broker confirmed the report, acknowledge the job. The agents share one confirming
 * channel for their reports and one job log: what they write at the same time shares one broker confirm and
 * one commit.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final String name;
    private final List<AgentConfig> agents;
    private final FallbackChain chain;
    private final Connection connection;
    private final ConfirmingPublisher events;
    private final DeliveredLog log;
    private final List<AgentConsumer> consumers = new ArrayList<>();
    private final ExecutorService receiptWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "node-reads"));
    private final BackgroundLoop heartbeat;
    private final InboxWatcher inboxWatcher;
    private volatile boolean running = true;

    public Node(
            String name,
            SwitchboardConfig config,
            BrokerConnections broker,
            FallbackChain chain,
            Path dataDir,
            long inboxScanMillis)
            throws IOException {
        this.name = name;
        this.agents =
                config.agents().stream().filter(a -> name.equals(a.node())).toList();
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("no agent in the config has node: " + name + " (set node: " + name
                    + " on the agents this desktop delivers to)");
        }
        this.chain = chain;
        try {
            this.log = new DeliveredLog(dataDir.resolve("node-" + name + ".db"));
        } catch (SQLException e) {
            throw new IOException("cannot open the node's job log in " + dataDir + ": " + e.getMessage(), e);
        }
        this.connection = broker.open("switchboard node " + name);
        this.events = new ConfirmingPublisher(connection);
        try (Channel ch = connection.createChannel()) {
            Topology.declareCommon(ch);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("broker did not answer while declaring the topology", e);
        }
        for (AgentConfig a : agents) {
            consumers.add(new AgentConsumer(a));
        }
        this.inboxWatcher =
                new InboxWatcher(new Receipts(), new AgentRegistry(agents), config::inboxOf, inboxScanMillis);
        // A heartbeat the broker does not take is logged once; the hub then reports the node offline.
        this.heartbeat = BackgroundLoop.named("node-heartbeat")
                .log(LOG)
                .every(Duration.ofSeconds(config.broker().heartbeatSeconds()))
                .start(() -> events.publish(
                        Topology.EVENTS,
                        Topology.EVENTS_KEY,
                        null,
                        BrokerEvent.heartbeat(name, agentIds()).encode()));
        LOG.info(
                "node {} serves {} over {}",
                name,
                agents.stream().map(AgentConfig::id).toList(),
                broker.shownUrl());
    }

    public List<String> agentIds() {
        return agents.stream().map(AgentConfig::id).toList();
    }

    /** Publishes until the broker confirms (a broker restart only delays it); false if the node is stopping. */
    private boolean report(BrokerEvent event) {
        long backoff = 200;
        String lastProblem = null;
        while (running) {
            try {
                events.publish(Topology.EVENTS, Topology.EVENTS_KEY, event.messageId(), event.encode());
                return true;
            } catch (IOException e) {
                String problem = BrokerConnections.rootMessage(e);
                if (!problem.equals(lastProblem)) {
                    LOG.warn("node {}: cannot report {} of {} yet: {}", name, event.type(), event.messageId(), problem);
                    lastProblem = problem;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        return false;
    }

    /**
     * Sends a progress notice without waiting for the broker's confirm. The hub changes no state on it (the job is
     * DELIVERING there since the relay took it), and the job is acknowledged only after its final report is
     * confirmed, which is published later on the same channel: so a notice lost with a broken channel costs
     * nothing but the notice, while waiting for its confirm cost every job a broker round trip.
     */
    private void announce(BrokerEvent event) {
        events.send(Topology.EVENTS, Topology.EVENTS_KEY, event.messageId(), event.encode())
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.debug(
                                "node {}: {} of {} not confirmed: {}",
                                name,
                                event.type(),
                                event.messageId(),
                                error.getMessage());
                    }
                });
    }

    /** Handles one job; @return whether it may be acknowledged */
    boolean handle(AgentConfig agent, byte[] body) throws InterruptedException, SQLException {
        UnifiedMessage message = MessageCodec.decode(new String(body, StandardCharsets.UTF_8));
        String id = message.id();
        if (message.recipient() == null
                || !agent.id().equals(message.recipient().name())) {
            return report(BrokerEvent.failed(
                    name,
                    id,
                    "node " + name + " does not deliver to "
                            + (message.recipient() == null
                                    ? "that recipient"
                                    : message.recipient().name()),
                    true));
        }
        Optional<DeliveredLog.Entry> known = log.find(id);
        if (known.isPresent()) {
            DeliveredLog.Entry e = known.get();
            switch (e.stage()) {
                case DONE, READ -> {
                    // Reported before the crash, or not: either way the same report again, never a second delivery.
                    boolean ok = e.delivered()
                            ? report(BrokerEvent.delivered(name, id, e.method(), e.verified(), e.detail()))
                            : report(BrokerEvent.failed(name, id, e.detail(), e.permanent()));
                    if (ok && e.stage() == DeliveredLog.Stage.READ) {
                        ok = report(BrokerEvent.of(BrokerEvent.Type.READ, name, id, "moved to processed/"));
                    }
                    if (ok && !e.delivered()) {
                        log.forget(id);
                    }
                    return ok;
                }
                case STARTED -> {
                    if (!agent.delivery().stream().allMatch(m -> m == DeliveryMethod.INBOX)) {
                        // Its text left unsubmitted in the agent's input (stopped between paste and Enter) is
                        // submitted now; anything less certain is never typed again.
                        Optional<FallbackChain.Result> finished = chain.finishInterrupted(message, agent);
                        if (finished.isPresent() && finished.get().outcome().delivered()) {
                            FallbackChain.Result r = finished.get();
                            log.done(id, true, r.method().key(), r.outcome().verified(), r.detail(), false);
                            return report(BrokerEvent.delivered(
                                    name, id, r.method().key(), r.outcome().verified(), r.detail()));
                        }
                        String why = "node " + name + " stopped during this delivery: the text may already be in "
                                + agent.id() + "'s input; look, then `queue retry` it if it is not";
                        log.done(id, false, null, false, why, true);
                        return report(BrokerEvent.failed(name, id, why, true)) && forget(id);
                    }
                    // Inbox files are written idempotently by id: delivering again cannot make a second one.
                }
                default -> {}
            }
        }
        log.started(id, agent.id());
        announce(BrokerEvent.of(BrokerEvent.Type.DELIVERING, name, id, null));
        FallbackChain.Result result = chain.deliver(message, agent);
        if (result.deferred()) {
            // Every method is cooling down: nothing was tried, so the hub waits without counting an attempt.
            log.forget(id);
            return report(BrokerEvent.deferred(name, id, result.outcome().detail(), result.waitUntil()));
        }
        if (result.outcome().delivered()) {
            log.done(id, true, result.method().key(), result.outcome().verified(), result.detail(), false);
            return report(BrokerEvent.delivered(
                    name, id, result.method().key(), result.outcome().verified(), result.detail()));
        }
        boolean permanent = !result.outcome().fallbackAllowed();
        log.done(id, false, null, false, result.outcome().detail(), permanent);
        return report(BrokerEvent.failed(name, id, result.outcome().detail(), permanent)) && forget(id);
    }

    private boolean forget(String id) throws SQLException {
        log.forget(id);
        return true;
    }

    @Override
    public void close() {
        running = false;
        heartbeat.close();
        inboxWatcher.close();
        consumers.forEach(AgentConsumer::close);
        receiptWriter.shutdown();
        events.close();
        try {
            connection.close(5_000);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            LOG.debug("closing the broker connection", e);
        }
        log.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One agent's queue: its own channel (prefetch 1) and its own delivery thread. */
    private final class AgentConsumer implements AutoCloseable {
        final AgentConfig agent;
        final Channel channel;
        final ExecutorService worker;

        AgentConsumer(AgentConfig agent) throws IOException {
            this.agent = agent;
            this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "node-deliver-" + agent.id()));
            this.channel = connection.createChannel();
            Topology.declareAgent(channel, agent.id());
            channel.basicQos(1);
            channel.basicConsume(
                    Topology.agentQueue(agent.id()),
                    false,
                    "node-" + name + "-" + agent.id(),
                    new DefaultConsumer(channel) {
                        @Override
                        public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                            long deliveryTag = env.getDeliveryTag();
                            worker.execute(() -> process(deliveryTag, body));
                        }
                    });
        }

        private void process(long tag, byte[] body) {
            try {
                if (handle(agent, body)) {
                    channel.basicAck(tag, false);
                }
                // Not acknowledged (stopping): the broker hands it out again, and the job log keeps it single.
            } catch (QueueException e) {
                LOG.warn(
                        "node {}: dropping an unreadable job for {} to the dead-letter queue: {}",
                        name,
                        agent.id(),
                        e.getMessage());
                reject(tag);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | IOException | RuntimeException e) {
                LOG.error("node {}: job for {} not finished (the broker will offer it again)", name, agent.id(), e);
                try {
                    channel.basicNack(tag, false, true);
                } catch (IOException | com.rabbitmq.client.AlreadyClosedException ex) {
                    LOG.debug("nack after a failure", ex);
                }
            }
        }

        private void reject(long tag) {
            try {
                channel.basicReject(tag, false);
            } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
                LOG.debug("reject", e);
            }
        }

        @Override
        public void close() {
            worker.shutdown();
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException
                    | java.util.concurrent.TimeoutException
                    | com.rabbitmq.client.AlreadyClosedException e) {
                LOG.debug("closing {}'s channel", agent.id(), e);
            }
            try {
                if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads on this desktop go to the hub as events; the job log says which files are ours. */
    private final class Receipts implements ReadReceipts {
        @Override
        public Known stateOf(String messageId) {
            try {
                Optional<DeliveredLog.Entry> e = log.find(messageId);
                if (e.isEmpty()) {
                    return Known.UNKNOWN;
                }
                return switch (e.get().stage()) {
                    case READ -> Known.SETTLED;
                    case DONE -> e.get().delivered() ? Known.DELIVERED : Known.SETTLED;
                    case STARTED -> Known.PENDING;
                };
            } catch (SQLException ex) {
                throw new QueueException("node job log unreadable: " + ex.getMessage(), ex);
            }
        }

        @Override
        public CompletableFuture<?> markRead(String messageId, String via) {
            return CompletableFuture.runAsync(
                    () -> {
                        if (!report(BrokerEvent.of(BrokerEvent.Type.READ, name, messageId, via))) {
                            throw new IllegalStateException("node stopping");
                        }
                        try {
                            log.read(messageId);
                        } catch (SQLException e) {
                            throw new QueueException(
                                    "cannot record the read of " + messageId + ": " + e.getMessage(), e);
                        }
                    },
                    receiptWriter);
        }
    }
}
