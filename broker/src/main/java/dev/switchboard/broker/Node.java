package dev.switchboard.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxWatcher;
import dev.switchboard.delivery.ReadReceipts;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code switchboard node}: delivers to the agents whose {@code node:} is this node's name, on this desktop.
 * Each agent's queue is consumed on its own channel with manual acks, by its own thread ({@link AgentQueue}), so a
 * slow window never holds up another agent; an agent with a method that types takes one job at a time, an
 * inbox-only agent takes what has arrived as one batch. For each job: record it as started (so a crash can never
 * make it typed twice), deliver through the fallback chain, record the outcome, report it, and only when the
 * broker confirmed the report, acknowledge the job. No notice is sent when a job starts: the hub shows the
 * message as delivering since its relay took it, and recorded nothing for that notice. The agents share one
 * confirming channel for their reports and one job log: what they write at the same time shares one broker
 * confirm and one commit.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final String name;
    private final List<AgentConfig> agents;
    private final FallbackChain chain;
    private final Connection connection;
    private final ConfirmingPublisher events;
    private final DeliveredLog log;
    private final List<AgentQueue> consumers = new ArrayList<>();
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
            consumers.add(new AgentQueue(connection, name, a, this::handle));
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

    /** An agent whose every method is the inbox: nothing is ever typed, and its jobs are written as batches. */
    static boolean inboxOnly(AgentConfig agent) {
        return agent.delivery().stream().allMatch(m -> m == DeliveryMethod.INBOX);
    }

    /**
     * Handles jobs of one agent, in the order the broker gave them, and reports what became of each; @return
     * whether they may all be acknowledged (false: the node is stopping before every report was confirmed)
     */
    boolean handle(AgentConfig agent, List<UnifiedMessage> messages) throws InterruptedException, SQLException {
        Reports reports = new Reports();
        List<UnifiedMessage> fresh = new ArrayList<>();
        for (UnifiedMessage message : messages) {
            if (!settled(agent, message, reports)) {
                fresh.add(message);
            }
        }
        deliver(agent, fresh, reports);
        return reports.send();
    }

    /**
     * A job that needs no delivery: not one of this node's agents, or known to the job log (reported again as
     * recorded, never delivered twice). @return false when it is still to be delivered
     */
    private boolean settled(AgentConfig agent, UnifiedMessage message, Reports reports)
            throws InterruptedException, SQLException {
        String id = message.id();
        if (message.recipient() == null
                || !agent.id().equals(message.recipient().name())) {
            reports.add(BrokerEvent.failed(
                    name,
                    id,
                    "node " + name + " does not deliver to "
                            + (message.recipient() == null
                                    ? "that recipient"
                                    : message.recipient().name()),
                    true));
            return true;
        }
        Optional<DeliveredLog.Entry> known = log.find(id);
        if (known.isEmpty()) {
            return false;
        }
        DeliveredLog.Entry e = known.get();
        switch (e.stage()) {
            case DONE, READ -> {
                // Reported before the crash, or not: either way the same report again, never a second delivery.
                reports.add(
                        e.delivered()
                                ? BrokerEvent.delivered(name, id, e.method(), e.verified(), e.detail())
                                : BrokerEvent.failed(name, id, e.detail(), e.permanent()));
                if (e.stage() == DeliveredLog.Stage.READ) {
                    reports.add(BrokerEvent.of(BrokerEvent.Type.READ, name, id, "moved to processed/"));
                }
                if (!e.delivered()) {
                    reports.forgetAfter(id);
                }
                return true;
            }
            case STARTED -> {
                if (inboxOnly(agent)) {
                    // Inbox files are written idempotently by id: delivering again cannot make a second one.
                    return false;
                }
                // Its text left unsubmitted in the agent's input (stopped between paste and Enter) is submitted
                // now; anything less certain is never typed again.
                Optional<FallbackChain.Result> finished = chain.finishInterrupted(message, agent);
                if (finished.isPresent() && finished.get().outcome().delivered()) {
                    FallbackChain.Result r = finished.get();
                    log.done(id, true, r.method().key(), r.outcome().verified(), r.detail(), false);
                    reports.add(BrokerEvent.delivered(
                            name, id, r.method().key(), r.outcome().verified(), r.detail()));
                    return true;
                }
                String why = "node " + name + " stopped during this delivery: the text may already be in " + agent.id()
                        + "'s input; look, then `queue retry` it if it is not";
                log.done(id, false, null, false, why, true);
                reports.add(BrokerEvent.failed(name, id, why, true));
                reports.forgetAfter(id);
                return true;
            }
            default -> throw new IllegalStateException("unknown stage " + e.stage());
        }
    }

    /**
     * Delivers the jobs in order through the fallback chain (an inbox-only agent's all at once, as one batch of
     * files) and records their outcomes in one commit. STARTED is committed first, for all of them at once; for an
     * inbox-only agent without a sync of its own: a killed node still finds it, the outcome's commit syncs it, and
     * if a power cut takes it back the job is only written again to the same file.
     */
    private void deliver(AgentConfig agent, List<UnifiedMessage> messages, Reports reports)
            throws InterruptedException, SQLException {
        if (messages.isEmpty()) {
            return;
        }
        List<String> ids = messages.stream().map(UnifiedMessage::id).toList();
        log.started(ids, agent.id(), !inboxOnly(agent));
        List<FallbackChain.Result> results = chain.deliverAll(messages, agent);
        List<String> deferred = new ArrayList<>();
        List<DeliveredLog.Done> done = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            String id = ids.get(i);
            FallbackChain.Result result = results.get(i);
            if (result.deferred()) {
                // Every method is cooling down: nothing was tried, so the hub waits without counting an attempt.
                deferred.add(id);
                reports.add(BrokerEvent.deferred(name, id, result.outcome().detail(), result.waitUntil()));
            } else if (result.outcome().delivered()) {
                done.add(new DeliveredLog.Done(
                        id, true, result.method().key(), result.outcome().verified(), result.detail(), false));
                reports.add(BrokerEvent.delivered(
                        name, id, result.method().key(), result.outcome().verified(), result.detail()));
            } else {
                boolean permanent = !result.outcome().fallbackAllowed();
                done.add(new DeliveredLog.Done(
                        id, false, null, false, result.outcome().detail(), permanent));
                reports.add(BrokerEvent.failed(name, id, result.outcome().detail(), permanent));
                reports.forgetAfter(id);
            }
        }
        log.forget(deferred);
        log.done(done);
    }

    /**
     * The reports of a batch of jobs, sent together once every outcome is recorded, and the job log entries to
     * drop once they are confirmed (a failed job may come back from the hub's retry, to be delivered afresh).
     */
    private final class Reports {
        private final List<BrokerEvent> events = new ArrayList<>();
        private final List<String> forget = new ArrayList<>();

        void add(BrokerEvent event) {
            events.add(event);
        }

        void forgetAfter(String id) {
            forget.add(id);
        }

        /**
         * Publishes them all and waits for the broker's confirms (one disk write on the broker for the lot). If any
         * is not confirmed, all are sent again one by one until they are (the hub ignores a report it already
         * has). @return false if the node is stopping first
         */
        boolean send() throws SQLException {
            if (!events.isEmpty()) {
                List<ConfirmingPublisher.Outgoing> out = events.stream()
                        .map(e -> new ConfirmingPublisher.Outgoing(Topology.EVENTS_KEY, e.messageId(), e.encode()))
                        .toList();
                try {
                    Node.this.events.publishAll(Topology.EVENTS, out);
                } catch (IOException e) {
                    for (BrokerEvent event : events) {
                        if (!report(event)) {
                            return false;
                        }
                    }
                }
            }
            log.forget(forget);
            return true;
        }
    }

    @Override
    public void close() {
        running = false;
        heartbeat.close();
        inboxWatcher.close();
        consumers.forEach(AgentQueue::close);
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
