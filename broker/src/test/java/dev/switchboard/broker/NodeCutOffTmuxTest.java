package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.TmuxConfig;
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
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.tmux.TmuxDeliverer;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.SubmittedLog;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stopped in the middle of typing into a tmux agent, as a SIGKILL leaves it: the job is STARTED in its job
 * log and comes back from the broker. Real broker, real tmux pane with the pane reader.
 */
@Timeout(180)
class NodeCutOffTmuxTest {
    private static final Sender ALICE = new Sender(Platform.CONSOLE, "local", "alice", Role.ADMIN);

    @TempDir
    Path dir;

    private LocalBroker broker;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void broker() throws Exception {
        Tools.require(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "tmux test skipped: no tmux");
        broker = new LocalBroker();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    @Test
    void itsTextLeftUnsubmittedIsSubmittedOnceAndAJobCutOffOtherwiseIsNeverTypedAgain() throws Exception {
        Path typed = dir.resolve("typed.log");
        PrivateTmuxServer pane = keep(PrivateTmuxServer.startWithReader(typed));
        AgentConfig t1 = new AgentConfig(
                "T1",
                List.of(),
                List.of(),
                List.of(DeliveryMethod.TMUX),
                null,
                null,
                new TmuxConfig(pane.target(), pane.socket()),
                "desk-1");
        SwitchboardConfig cfg = SwitchboardConfig.defaults(dir)
                .withAgents(List.of(t1))
                .withBroker(new BrokerConfig(broker.url(), 1, 4));
        SqliteMessageQueue queue = keep(SqliteMessageQueue.open(cfg.dataDir(), 5, new Backoff(50, 500)));
        EventBus bus = new EventBus();
        EventPump pump = keep(new EventPump(queue, bus, 50));
        queue.onCommit(pump::wakeUp);
        keep(new Hub(cfg, Optional.empty(), queue, new AgentRegistry(cfg.agents()), bus, "hub-1", 50, l -> {}));
        Path nodeData = cfg.dataDir().resolve("nodes");

        // GIVEN the node delivered once (so it knows how the pane's input line looks empty), then stopped
        Node node = node(cfg, nodeData);
        UnifiedMessage first = send(queue, "first");
        awaitState(queue, first, MessageState.DELIVERED);
        node.close();

        // ... in the middle of two jobs: one pasted but not submitted, one whose text never reached the pane
        UnifiedMessage pasted = UnifiedMessage.text(ALICE, "T1", "pasted, Enter never came", Priority.NORMAL, null);
        UnifiedMessage notPasted = UnifiedMessage.text(ALICE, "T1", "cut off before the paste", Priority.NORMAL, null);
        try (DeliveredLog log = new DeliveredLog(nodeData.resolve("node-desk-1.db"))) {
            log.started(pasted.id(), "T1");
            log.started(notPasted.id(), "T1");
        }
        pane.sendKeys("-l", pasted.body()); // what the paste left in the line (the reader takes it the same way)
        Await.until(Duration.ofSeconds(30), () -> pane.capture().contains("ready> " + pasted.body()), pane::capture);

        // WHEN the node is back and the broker hands it both jobs again
        keep(node(cfg, nodeData));
        queue.enqueue(pasted);
        queue.enqueue(notPasted);

        // THEN the text in the line is submitted (not pasted again) and reported delivered, verified
        awaitState(queue, pasted, MessageState.DELIVERED);
        QueuedMessage done = queue.find(pasted.id()).orElseThrow();
        assertTrue(Boolean.TRUE.equals(done.verified()), "verified: " + queue.history(pasted.id()));
        // ... and the other one is never typed again: it may have been submitted already, for all the node knows
        awaitState(queue, notPasted, MessageState.DEAD);
        assertTrue(
                queue.history(notPasted.id()).stream()
                        .anyMatch(t -> t.detail() != null && t.detail().contains("may already be in")),
                "dead, saying why: " + queue.history(notPasted.id()));
        assertEquals(List.of("first", pasted.body()), SubmittedLog.read(typed));

        // ... and the next message goes in alone, on a clean line
        UnifiedMessage next = send(queue, "next");
        awaitState(queue, next, MessageState.DELIVERED);
        assertEquals(List.of("first", pasted.body(), "next"), SubmittedLog.read(typed));
    }

    private static UnifiedMessage send(SqliteMessageQueue queue, String body) {
        UnifiedMessage m = UnifiedMessage.text(ALICE, "T1", body, Priority.NORMAL, null);
        queue.enqueue(m);
        return m;
    }

    private static void awaitState(SqliteMessageQueue queue, UnifiedMessage m, MessageState state) {
        Await.until(
                Duration.ofSeconds(60),
                () -> queue.find(m.id()).orElseThrow().state() == state,
                () -> m.body() + " " + state + ": " + queue.history(m.id()));
    }

    private static Node node(SwitchboardConfig cfg, Path dataDir) throws java.io.IOException {
        FallbackChain chain =
                new FallbackChain(List.of(TmuxDeliverer.create(dataDir)), 3, Duration.ofSeconds(30), Clock.systemUTC());
        return new Node("desk-1", cfg, new BrokerConnections(cfg.broker(), Optional.empty()), chain, dataDir, 200);
    }
}
