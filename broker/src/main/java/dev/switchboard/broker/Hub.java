package dev.switchboard.broker;

import com.rabbitmq.client.Connection;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.queue.MessageQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub side of scale-out, started by {@code switchboard run} when the config has {@code broker:}: the relay
 * (queue → broker), the event consumer (nodes → queue) and node presence, whose changes are announced and kept
 * in {@code <data_dir>/nodes.json} for {@code agents} (in any process).
 */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    private final Connection connection;
    private final HubRelay relay;
    private final HubEvents events;
    private final NodePresence presence;
    private final BackgroundLoop checker;

    public Hub(
            SwitchboardConfig cfg,
            Optional<String> brokerPassword,
            MessageQueue queue,
            AgentRegistry registry,
            EventBus bus,
            String incarnation,
            long pollMillis,
            Consumer<String> announce)
            throws IOException {
        BrokerConnections broker = new BrokerConnections(cfg.broker(), brokerPassword);
        Set<String> nodes = cfg.agents().stream()
                .filter(AgentConfig::remote)
                .map(AgentConfig::node)
                .collect(Collectors.toSet());
        this.presence =
                new NodePresence(nodes, Duration.ofSeconds(cfg.broker().offlineAfterSeconds()), Clock.systemUTC());
        Path file = NodesFile.of(cfg.dataDir());
        presence.onChange(line -> {
            LOG.warn("{}", line);
            announce.accept(line);
        });
        presence.onChange(line -> NodesFile.write(file, presence, nodes));
        NodesFile.write(file, presence, nodes);
        this.connection = broker.open("switchboard hub");
        try {
            this.events = new HubEvents(connection, queue, presence);
            this.relay = new HubRelay(connection, queue, registry, bus, incarnation, pollMillis);
        } catch (IOException | RuntimeException e) {
            close(connection);
            throw e;
        }
        this.checker = BackgroundLoop.named("node-presence")
                .log(LOG)
                .every(Duration.ofSeconds(1))
                .start(presence::check);
        LOG.info("hub: relaying {} to nodes {} over {}", relay.agents(), nodes, broker.shownUrl());
    }

    NodePresence presence() {
        return presence;
    }

    @Override
    public void close() {
        checker.close();
        relay.close();
        events.close();
        close(connection);
    }

    private static void close(Connection c) {
        try {
            c.close(5_000);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            LOG.debug("closing the broker connection", e);
        }
    }
}
