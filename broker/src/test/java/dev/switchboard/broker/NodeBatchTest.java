package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.MessageCodec;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.InboxFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inbox-only agent's backlog, handed to its node many jobs at a time (prefetch above 1, several jobs handled
 * and acknowledged together), against the real broker: each job is delivered once, reported, and settled.
 */
class NodeBatchTest {
    private static final Sender ALICE = new Sender(Platform.CONSOLE, "local", "alice", Role.ADMIN);

    @TempDir
    Path dir;

    private LocalBroker broker;
    private SwitchboardConfig cfg;
    private Connection connection;
    private Channel channel;
    /** DELIVERED reports that reached the hub's event queue, by message id. */
    private final Map<String, Integer> delivered = new ConcurrentHashMap<>();

    @BeforeEach
    void open() throws Exception {
        broker = new LocalBroker();
        AgentConfig a1 =
                new AgentConfig("A1", List.of(), List.of(), List.of(DeliveryMethod.INBOX), null, null, null, "desk-1");
        cfg = SwitchboardConfig.defaults(dir).withAgents(List.of(a1)).withBroker(new BrokerConfig(broker.url(), 1, 4));
        connection = new BrokerConnections(cfg.broker(), Optional.empty()).open("test");
        channel = connection.createChannel();
        Topology.declareCommon(channel);
        Topology.declareAgent(channel, "A1");
        channel.confirmSelect();
        // Stands in for the hub: counts what the node reports.
        channel.basicConsume(Topology.HUB_EVENTS_QUEUE, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                BrokerEvent e = BrokerEvent.decode(body);
                if (e.type() == BrokerEvent.Type.DELIVERED) {
                    delivered.merge(e.messageId(), 1, Integer::sum);
                }
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        broker.close();
    }

    private Node node() throws IOException {
        FallbackChain chain = new FallbackChain(
                List.of(new InboxDeliverer(cfg::inboxOf)), 3, Duration.ofSeconds(30), Clock.systemUTC());
        return new Node(
                "desk-1",
                cfg,
                new BrokerConnections(cfg.broker(), Optional.empty()),
                chain,
                cfg.dataDir().resolve("nodes"),
                200);
    }

    private void publish(byte[] body) throws Exception {
        channel.basicPublish(
                Topology.JOBS,
                "A1",
                new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                body);
    }

    /** Ready messages of a queue, as the queue counts them now. */
    private long messages(String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] job(UnifiedMessage m) {
        return MessageCodec.encode(m).getBytes(StandardCharsets.UTF_8);
    }

    private Path inbox() {
        return cfg.inboxOf(cfg.agents().get(0));
    }

    private long inboxFiles() throws IOException {
        try (Stream<Path> s = Files.list(inbox())) {
            return s.filter(p -> p.toString().endsWith(".md")).count();
        }
    }

    @Test
    void aBacklogIsDeliveredOnceReportedAndAcknowledgedWhateverItHolds() throws Exception {
        // GIVEN a job the node delivered and reported before it stopped, whose file the agent has since taken away
        UnifiedMessage earlier = UnifiedMessage.text(ALICE, "A1", "delivered before", Priority.NORMAL, null);
        try (Node first = node()) {
            publish(job(earlier));
            Await.until(Duration.ofSeconds(30), () -> delivered.containsKey(earlier.id()), () -> "first delivery");
            Await.until(
                    Duration.ofSeconds(30),
                    () -> broker.unacknowledged() == 0,
                    () -> "unacknowledged: " + broker.unacknowledged());
        }
        Files.delete(inbox().resolve(InboxFormat.fileName(earlier)));
        // AND a backlog waiting for the node: 150 jobs, one of them twice in a row (a relay's resend), one
        // unreadable, and the earlier job again (the broker hands it out again)
        List<UnifiedMessage> backlog = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            UnifiedMessage m = UnifiedMessage.text(ALICE, "A1", "job " + i, Priority.NORMAL, null);
            backlog.add(m);
            publish(job(m));
            if (i == 40) {
                publish(job(m));
            }
            if (i == 70) {
                publish("not a job".getBytes(StandardCharsets.UTF_8));
            }
            if (i == 100) {
                publish(job(earlier));
            }
        }
        channel.waitForConfirmsOrDie(30_000);
        delivered.clear();

        // WHEN the node starts and works through it
        try (Node ignored = node()) {
            Await.until(
                    Duration.ofSeconds(60),
                    () -> backlog.stream().allMatch(m -> delivered.containsKey(m.id()))
                            && delivered.containsKey(earlier.id()),
                    () -> delivered.size() + " of " + (backlog.size() + 1) + " reported delivered");
            // THEN every job is settled with the broker: none is held unacknowledged, none waits
            Await.until(
                    Duration.ofSeconds(30),
                    () -> broker.unacknowledged() == 0,
                    () -> "unacknowledged: " + broker.unacknowledged());
            assertEquals(0, messages(Topology.agentQueue("A1")));
        }
        // AND each job of the backlog has one file with its text; the earlier one was not written again
        assertEquals(150, inboxFiles());
        for (UnifiedMessage m : backlog) {
            String text = Files.readString(inbox().resolve(InboxFormat.fileName(m)));
            assertTrue(text.endsWith("---\n" + m.body()), "exact body of " + m.body());
        }
        assertFalse(
                Files.exists(inbox().resolve(InboxFormat.fileName(earlier))), "the job log answered, not the inbox");
        // AND the unreadable job went to the dead-letter queue
        Await.until(
                Duration.ofSeconds(30), () -> messages(Topology.DEAD) == 1, () -> "dead: " + messages(Topology.DEAD));
    }
}
