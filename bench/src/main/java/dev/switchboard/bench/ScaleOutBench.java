package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.switchboard.broker.BrokerConnections;
import dev.switchboard.broker.Node;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench --broker <url>}: the end-to-end run (accept → inbox file in place → DELIVERED at the hub) once
 * embedded and once with the eight agents on two nodes behind the broker (hub → broker → node → inbox → event →
 * hub), in the same run, so the ratio between them is this machine's. The broker's vhost must not be used by a
 * real hub: the bench refuses one whose event queue has a consumer, and deletes its agents' queues afterwards.
 */
final class ScaleOutBench {
    static final List<String> NODES = List.of("bench-node-1", "bench-node-2");

    private ScaleOutBench() {}

    static ObjectNode run(String brokerUrl, Workspace ws, Scale scale, Progress progress) throws Exception {
        BrokerConfig brokerConfig = new BrokerConfig(brokerUrl, 1, 5);
        BrokerConnections broker =
                new BrokerConnections(brokerConfig, Optional.ofNullable(System.getenv(BrokerConfig.PASSWORD_ENV)));
        refuseBusyVhost(broker);
        progress.say("scale-out: embedded end to end");
        EndToEndBench.Result embedded =
                EndToEndBench.run(ws.dir("scale-embedded-data"), ws.dir("scale-embedded-workspaces"), scale);
        Path data = ws.dir("scale-hub-data");
        SwitchboardConfig cfg = SwitchboardConfig.defaults(data.getParent())
                .withDataDir(data)
                .withWorkspaces(ws.dir("scale-workspaces"))
                .withBroker(brokerConfig);
        List<AgentConfig> agents = new ArrayList<>();
        for (int i = 0; i < Messages.AGENTS.size(); i++) {
            agents.add(new AgentConfig(
                    Messages.AGENTS.get(i),
                    List.of(),
                    List.of(),
                    List.of(DeliveryMethod.INBOX),
                    null,
                    null,
                    null,
                    NODES.get(i % NODES.size())));
        }
        SwitchboardConfig hubConfig = cfg.withAgents(agents);
        List<Node> nodes = new ArrayList<>();
        EndToEndBench.Result viaBroker;
        try {
            for (String name : NODES) {
                FallbackChain chain = new FallbackChain(
                        List.of(new InboxDeliverer(hubConfig::inboxOf)), 3, Duration.ofSeconds(30), Clock.systemUTC());
                nodes.add(new Node(name, hubConfig, broker, chain, ws.dir("scale-" + name), 2_000));
            }
            progress.say("scale-out: hub -> broker -> %d nodes -> inbox", NODES.size());
            viaBroker = EndToEndBench.run(hubConfig, scale);
        } finally {
            nodes.forEach(Node::close);
            deleteQueues(broker);
        }
        ObjectNode out = Report.JSON.createObjectNode();
        out.put("broker", brokerConfig.redactedUrl());
        out.put("nodes", NODES.size());
        out.set("embedded", figures(embedded));
        out.set("broker_mode", figures(viaBroker));
        double ratio = viaBroker.saturated().perSecond() / embedded.saturated().perSecond();
        out.put("ratio_per_s", Math.round(ratio * 100) / 100.0);
        ObjectNode targets = out.putObject("targets");
        targets.put("ratio_per_s_want", ">= 0.5");
        targets.put("ratio_per_s_pass", ratio >= 0.5);
        targets.put("p99_ms_at_offered_want", "< 50");
        targets.put("p99_ms_at_offered_pass", viaBroker.offered().p99Ms() < 50);
        return out;
    }

    private static ObjectNode figures(EndToEndBench.Result r) {
        ObjectNode o = Report.JSON.createObjectNode();
        o.put("offered_per_s", r.offeredPerSecond());
        o.put("p50_ms", Math.round(r.offered().p50Ms() * 100) / 100.0);
        o.put("p99_ms", Math.round(r.offered().p99Ms() * 100) / 100.0);
        o.put("per_s", Math.round(r.saturated().perSecond()));
        o.put("saturated_p50_ms", Math.round(r.saturated().p50Ms() * 100) / 100.0);
        o.put("saturated_p99_ms", Math.round(r.saturated().p99Ms() * 100) / 100.0);
        return o;
    }

    private static void refuseBusyVhost(BrokerConnections broker) throws IOException {
        try (Connection c = broker.open("switchboard bench");
                Channel ch = c.createChannel()) {
            AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive("switchboard.hub.events");
            if (ok.getConsumerCount() > 0) {
                throw new IllegalStateException(
                        "a Switchboard hub is using " + broker.shownUrl() + ": give the bench a vhost of its own");
            }
        } catch (IOException e) {
            // No such queue: nobody uses this vhost yet (the passive declare closed the channel; that is all).
            if (!(e.getCause() instanceof com.rabbitmq.client.ShutdownSignalException)) {
                throw e;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("broker did not answer", e);
        }
    }

    private static void deleteQueues(BrokerConnections broker) {
        try (Connection c = broker.open("switchboard bench cleanup");
                Channel ch = c.createChannel()) {
            for (String agent : Messages.AGENTS) {
                ch.queueDelete("switchboard.agent." + agent);
            }
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(ScaleOutBench.class)
                    .warn("bench: cannot delete its queues: {}", e.getMessage());
        }
    }
}
