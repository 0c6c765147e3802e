package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker set-up the README gives a node: its own user, with rights on the Switchboard names of one vhost
 * only (created here with rabbitmqctl exactly as documented). The node works with it, and it reaches neither
 * another vhost nor anything else in its own.
 */
class NodeUserTest {
    private static final Sender ALICE = new Sender(Platform.CONSOLE, "local", "alice", Role.ADMIN);
    private static final String SWITCHBOARD_NAMES = "^switchboard\\..*";

    @TempDir
    Path dir;

    @Test
    void aNodeWithAUserLimitedToOneVhostDeliversAndCannotReachAnythingElse() throws Exception {
        String user = "sb-node-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        try (LocalBroker broker = new LocalBroker();
                LocalBroker other = new LocalBroker()) {
            LocalBroker.ctl("add_user", user, password);
            try {
                LocalBroker.ctl(
                        "set_permissions",
                        "-p",
                        broker.vhost,
                        user,
                        SWITCHBOARD_NAMES,
                        SWITCHBOARD_NAMES,
                        SWITCHBOARD_NAMES);
                // The hub keeps guest; the node's url names its own user, the password comes from the environment
                // (SWITCHBOARD_BROKER_PASSWORD), as the README says.
                BrokerConfig hubBroker = new BrokerConfig(broker.url(), 1, 4);
                BrokerConfig nodeBroker = new BrokerConfig("amqp://" + user + "@127.0.0.1:5672/" + broker.vhost, 1, 4);
                SwitchboardConfig cfg = SwitchboardConfig.defaults(dir)
                        .withBroker(hubBroker)
                        .withAgents(List.of(new AgentConfig(
                                "A1",
                                List.of(),
                                List.of(),
                                List.of(DeliveryMethod.INBOX),
                                null,
                                null,
                                null,
                                "desk-1")));
                EventBus bus = new EventBus();
                try (SqliteMessageQueue queue = SqliteMessageQueue.open(cfg.dataDir(), 5, new Backoff(50, 500));
                        EventPump pump = new EventPump(queue, bus, 50)) {
                    queue.onCommit(pump::wakeUp);
                    try (Hub hub = new Hub(
                                    cfg,
                                    Optional.empty(),
                                    queue,
                                    new AgentRegistry(cfg.agents()),
                                    bus,
                                    "hub-1",
                                    50,
                                    line -> {});
                            Node node = new Node(
                                    "desk-1",
                                    cfg.withBroker(nodeBroker),
                                    new BrokerConnections(nodeBroker, Optional.of(password)),
                                    new FallbackChain(
                                            List.of(new InboxDeliverer(cfg::inboxOf)),
                                            3,
                                            Duration.ofSeconds(30),
                                            Clock.systemUTC()),
                                    cfg.dataDir().resolve("nodes"),
                                    200)) {
                        // GIVEN a message for the node's agent WHEN the node takes it with its own user
                        UnifiedMessage m = UnifiedMessage.text(ALICE, "A1", "with my own user", Priority.NORMAL, null);
                        queue.enqueue(m);
                        // THEN it is delivered and the hub hears so
                        Await.until(
                                Duration.ofSeconds(30),
                                () -> queue.find(m.id()).orElseThrow().state() == MessageState.DELIVERED,
                                () -> "delivered: " + queue.history(m.id()));
                        assertEquals(List.of("A1"), node.agentIds());
                    }
                }

                BrokerConnections otherVhost = new BrokerConnections(
                        new BrokerConfig("amqp://" + user + "@127.0.0.1:5672/" + other.vhost, 1, 4),
                        Optional.of(password));
                // AND the same user cannot even open another vhost
                IOException refused = assertThrows(
                        IOException.class, () -> otherVhost.open("intruder").close());
                assertTrue(
                        refused.getMessage().contains("refused")
                                || refused.getMessage().contains("NOT_ALLOWED"),
                        refused.getMessage());
                // AND in its own vhost it cannot make or read anything that is not Switchboard's
                try (Connection c = new BrokerConnections(nodeBroker, Optional.of(password)).open("intruder")) {
                    Channel ch = c.createChannel();
                    IOException denied = assertThrows(
                            IOException.class, () -> ch.queueDeclare("not-switchboard", true, false, false, Map.of()));
                    assertTrue(
                            BrokerConnections.rootMessage(denied).contains("ACCESS_REFUSED"),
                            BrokerConnections.rootMessage(denied));
                }
            } finally {
                LocalBroker.ctl("delete_user", user);
            }
        }
    }
}
