package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hub relay, event consumer and two nodes against the real broker, in one JVM (the process tests are in bot). */
class HubNodeTest {
    private static final Sender ALICE = new Sender(Platform.CONSOLE, "local", "alice", Role.ADMIN);

    @TempDir
    Path dir;

    private LocalBroker broker;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void broker() {
        broker = new LocalBroker();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        broker.close();
    }

    private SwitchboardConfig config() {
        List<AgentConfig> agents =
                List.of(agent("A1", "desk-1"), agent("A2", "desk-1"), agent("B1", "desk-2"), agent("B2", "desk-2"));
        return SwitchboardConfig.defaults(dir).withAgents(agents).withBroker(new BrokerConfig(broker.url(), 1, 4));
    }

    private static AgentConfig agent(String id, String node) {
        return new AgentConfig(id, List.of(), List.of(), List.of(DeliveryMethod.INBOX), null, null, null, node);
    }

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    @Test
    void everyMessageReachesItsNodeOnceAndEveryStateComesBack() throws Exception {
        SwitchboardConfig cfg = config();
        SqliteMessageQueue queue = keep(SqliteMessageQueue.open(cfg.dataDir(), 5, new Backoff(50, 500)));
        EventBus bus = new EventBus();
        EventPump pump = keep(new EventPump(queue, bus, 50));
        queue.onCommit(pump::wakeUp);
        AgentRegistry registry = new AgentRegistry(cfg.agents());
        List<String> notices = new ArrayList<>();
        keep(new Hub(cfg, Optional.empty(), queue, registry, bus, "hub-1", 50, notices::add));
        for (String node : List.of("desk-1", "desk-2")) {
            keep(node(cfg, node));
        }

        int n = 1_000;
        Map<String, String> sent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String agent = List.of("A1", "A2", "B1", "B2").get(i % 4);
            UnifiedMessage m = UnifiedMessage.text(
                    ALICE,
                    agent,
                    "job " + i + " für " + agent + " ✓\nline 2",
                    Priority.NORMAL,
                    new Origin(Platform.CONSOLE, null, null, null, null));
            queue.enqueueAsync(m);
            sent.put(m.id(), m.body());
        }
        Await.until(
                Duration.ofSeconds(120),
                () -> pending(queue) == 0 && delivered(queue) == n,
                () -> "delivered " + delivered(queue) + " of " + n + ", pending " + pending(queue));

        Map<String, Integer> files = new HashMap<>();
        for (AgentConfig a : cfg.agents()) {
            try (Stream<Path> s = Files.list(cfg.inboxOf(a))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".md")).toList()) {
                    String text = Files.readString(f);
                    String id = text.lines()
                            .filter(l -> l.startsWith("id: "))
                            .findFirst()
                            .orElseThrow()
                            .substring(4);
                    files.merge(id, 1, Integer::sum);
                    assertTrue(text.endsWith("---\n" + sent.get(id)), "exact body of " + id);
                }
            }
        }
        assertEquals(n, files.size(), "one file per message");
        assertTrue(files.values().stream().allMatch(c -> c == 1), "no message twice");
        for (String id : sent.keySet()) {
            QueuedMessage qm = queue.find(id).orElseThrow();
            assertEquals(MessageState.DELIVERED, qm.state());
            assertTrue(
                    queue.history(id).stream()
                            .anyMatch(t -> t.detail() != null && t.detail().contains("node desk-")),
                    "the hub's history names the node");
        }

        // The agent reads one: moving it to processed/ on the node's desktop makes it READ at the hub.
        AgentConfig b1 = cfg.agents().get(2);
        Path one;
        try (Stream<Path> s = Files.list(cfg.inboxOf(b1))) {
            one = s.filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow();
        }
        Files.createDirectories(cfg.inboxOf(b1).resolve(InboxDeliverer.PROCESSED));
        Files.move(one, cfg.inboxOf(b1).resolve(InboxDeliverer.PROCESSED).resolve(one.getFileName()));
        String readId = Files.readString(
                        cfg.inboxOf(b1).resolve(InboxDeliverer.PROCESSED).resolve(one.getFileName()))
                .lines()
                .filter(l -> l.startsWith("id: "))
                .findFirst()
                .orElseThrow()
                .substring(4);
        Await.until(
                Duration.ofSeconds(30),
                () -> queue.find(readId).orElseThrow().state() == MessageState.READ,
                () -> "read at the hub: " + queue.find(readId).orElseThrow().state());
    }

    @Test
    void aNodeThatStopsIsAnnouncedOfflineOnceAndItsMessagesWaitUntilItIsBack() throws Exception {
        SwitchboardConfig cfg = config();
        SqliteMessageQueue queue = keep(SqliteMessageQueue.open(cfg.dataDir(), 5, new Backoff(50, 500)));
        EventBus bus = new EventBus();
        EventPump pump = keep(new EventPump(queue, bus, 50));
        queue.onCommit(pump::wakeUp);
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        Hub hub = keep(
                new Hub(cfg, Optional.empty(), queue, new AgentRegistry(cfg.agents()), bus, "hub-1", 50, notices::add));
        Node desk1 = node(cfg, "desk-1");
        keep(node(cfg, "desk-2"));
        Await.until(
                Duration.ofSeconds(10),
                () -> hub.presence()
                        .of("desk-1")
                        .map(NodePresence.State::lastSeen)
                        .isPresent(),
                () -> "desk-1 heard");
        desk1.close();
        Await.until(
                Duration.ofSeconds(20),
                () -> notices.stream().anyMatch(l -> l.contains("desk-1 offline")),
                () -> "offline notice: " + notices);
        UnifiedMessage m = UnifiedMessage.text(ALICE, "A1", "while away", Priority.NORMAL, null);
        queue.enqueue(m);
        UnifiedMessage other = UnifiedMessage.text(ALICE, "B1", "desk-2 is up", Priority.NORMAL, null);
        queue.enqueue(other);
        // The other node's message is a later event that must come after the relay handled A1's.
        Await.until(
                Duration.ofSeconds(30),
                () -> queue.find(other.id()).orElseThrow().state() == MessageState.DELIVERED,
                () -> "B1 delivered");
        assertEquals(MessageState.DELIVERING, queue.find(m.id()).orElseThrow().state(), "waits in desk-1's queue");

        keep(node(cfg, "desk-1"));
        Await.until(
                Duration.ofSeconds(30),
                () -> queue.find(m.id()).orElseThrow().state() == MessageState.DELIVERED,
                () -> "A1 delivered after desk-1 came back");
        Await.until(
                Duration.ofSeconds(10),
                () -> notices.stream().anyMatch(l -> l.contains("desk-1 is online")),
                () -> "online notice: " + notices);
        assertEquals(
                1, notices.stream().filter(l -> l.contains("desk-1 offline")).count(), "told once: " + notices);
        Path nodesFile = cfg.dataDir().resolve("nodes.json");
        Await.until(
                Duration.ofSeconds(5),
                () -> read(nodesFile).equals("{\"desk-1\":\"online\",\"desk-2\":\"online\"}"),
                () -> "nodes.json: " + read(nodesFile));
    }

    @Test
    void aNodeWhoseMethodsAreCoolingDownDoesNotUseUpTheHubsAttempts() throws Exception {
        SwitchboardConfig cfg = config();
        SqliteMessageQueue queue = keep(SqliteMessageQueue.open(cfg.dataDir(), 5, new Backoff(50, 200)));
        EventBus bus = new EventBus();
        EventPump pump = keep(new EventPump(queue, bus, 50));
        queue.onCommit(pump::wakeUp);
        keep(new Hub(cfg, Optional.empty(), queue, new AgentRegistry(cfg.agents()), bus, "hub-1", 50, l -> {}));
        // A1's inbox is a file: every attempt fails until it is fixed; after 2 failures the inbox cools down 2 s.
        Path inbox = cfg.inboxOf(cfg.agents().get(0));
        Files.createDirectories(inbox.getParent());
        Files.writeString(inbox, "not a folder");
        FallbackChain chain = new FallbackChain(
                List.of(new InboxDeliverer(cfg::inboxOf)), 2, Duration.ofSeconds(2), Clock.systemUTC());
        keep(new Node(
                "desk-1",
                cfg,
                new BrokerConnections(cfg.broker(), Optional.empty()),
                chain,
                cfg.dataDir().resolve("nodes"),
                200));
        UnifiedMessage m = UnifiedMessage.text(ALICE, "A1", "after the cool-down", Priority.NORMAL, null);
        queue.enqueue(m);
        Await.until(
                Duration.ofSeconds(30),
                () -> queue.history(m.id()).stream()
                        .anyMatch(t -> t.detail() != null && t.detail().contains("paused")),
                () -> "deferred: " + queue.history(m.id()));
        Files.delete(inbox);
        Await.until(
                Duration.ofSeconds(30),
                () -> queue.find(m.id()).orElseThrow().state() == MessageState.DELIVERED,
                () -> "delivered after the fix: " + queue.history(m.id()));
        assertTrue(
                queue.find(m.id()).orElseThrow().attempts() <= 3,
                "cool-downs were not counted as attempts: " + queue.history(m.id()));
    }

    private static String read(Path f) {
        try {
            return Files.readString(f).strip();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static long pending(SqliteMessageQueue queue) {
        QueueStatsView v = new QueueStatsView(queue);
        return v.count(MessageState.QUEUED) + v.count(MessageState.DELIVERING) + v.count(MessageState.RETRY_WAIT);
    }

    private record QueueStatsView(SqliteMessageQueue queue) {
        long count(MessageState s) {
            return queue.stats().count(s);
        }
    }

    private static long delivered(SqliteMessageQueue queue) {
        return queue.stats().count(MessageState.DELIVERED);
    }

    private static Node node(SwitchboardConfig cfg, String name) throws IOException {
        FallbackChain chain = new FallbackChain(
                List.of(new InboxDeliverer(cfg::inboxOf)), 3, Duration.ofSeconds(30), Clock.systemUTC());
        return new Node(
                name,
                cfg,
                new BrokerConnections(cfg.broker(), Optional.empty()),
                chain,
                cfg.dataDir().resolve("nodes"),
                200);
    }
}
