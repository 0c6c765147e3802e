package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.delivery.tmux.TmuxClient;
import dev.switchboard.delivery.tmux.TmuxDeliverer;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.SubmittedLog;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded service stopped (SIGKILL) while a message was being typed into a tmux pane, before its outcome was
 * written: on restart the queue re-queues it, and it must not be typed a second time. Real tmux, a real program
 * reading the pane, the queue on disk; the "crash" is a queue that never commits the outcome, then a reopen.
 */
@Timeout(180)
class CutOffTypingTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() throws InterruptedException {
        Tools.require(
                new TmuxClient(null).run("-V").ok(),
                "tmux test skipped: tmux is not installed (see scripts/test-packages.txt)");
    }

    @Test
    void aMessageSubmittedBeforeTheCrashIsNotTypedAgainAndGoesDeadWhenTmuxIsItsOnlyMethod() throws Exception {
        Path typed = dir.resolve("typed.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = agent(server, DeliveryMethod.TMUX);
            String id = typedThenKilled(agent, "hello once");
            assertEquals(List.of("hello once"), SubmittedLog.read(typed), "typed and submitted before the crash");

            QueuedMessage after = restartAndDeliver(agent);

            assertEquals(List.of("hello once"), SubmittedLog.read(typed), "typed a second time after the restart");
            assertEquals(MessageState.DEAD, after.state(), after.toString());
            assertTrue(after.lastError().contains("may already be in"), after.lastError());
            assertEquals(id, after.id());
        }
    }

    @Test
    void aMessageSubmittedBeforeTheCrashGoesToTheInboxWithTheStatusSayingItMayBeInThePane() throws Exception {
        Path typed = dir.resolve("typed.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = agent(server, DeliveryMethod.TMUX, DeliveryMethod.INBOX);
            String id = typedThenKilled(agent, "hello inbox");

            QueuedMessage after = restartAndDeliver(agent);

            assertEquals(List.of("hello inbox"), SubmittedLog.read(typed), "typed a second time after the restart");
            assertEquals(MessageState.DELIVERED, after.state(), after.toString());
            assertEquals("inbox", after.method());
            String detail = lastDetail(id);
            assertTrue(detail.contains("may already be in"), detail);
            try (var files = Files.list(agent.inbox())) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".md")).count());
            }
        }
    }

    @Test
    void aPasteCutOffBeforeEnterIsSubmittedOnceOnRestart() throws Exception {
        Path typed = dir.resolve("typed.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = agent(server, DeliveryMethod.TMUX, DeliveryMethod.INBOX);
            // The pane's empty input line is learned from a verified delivery (kept in the data folder).
            assertTrue(TmuxDeliverer.create(dir.resolve("data"))
                    .deliver(Messages.to(agent.id(), "first"), agent)
                    .verified());
            // GIVEN a delivery that recorded its typing, pasted, and was killed before Enter
            try (SqliteMessageQueue queue = open()) {
                String id = queue.enqueue(Messages.to(agent.id(), "left in the line"))
                        .id();
                queue.claimNext(agent.id(), "old/" + agent.id(), LEASE).orElseThrow();
                queue.markTyping(id, "tmux");
            }
            paste(server, "left in the line");

            QueuedMessage after = restartAndDeliver(agent);

            assertEquals(List.of("first", "left in the line"), SubmittedLog.read(typed));
            assertEquals(MessageState.DELIVERED, after.state(), after.toString());
            assertEquals("tmux", after.method());
        }
    }

    @Test
    void aMessageClaimedButNotYetTypedIsDeliveredNormallyAfterTheRestart() throws Exception {
        Path typed = dir.resolve("typed.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = agent(server, DeliveryMethod.TMUX);
            try (SqliteMessageQueue queue = open()) {
                queue.enqueue(Messages.to(agent.id(), "not typed yet"));
                queue.claimNext(agent.id(), "old/" + agent.id(), LEASE).orElseThrow();
            }

            QueuedMessage after = restartAndDeliver(agent);

            assertEquals(List.of("not typed yet"), SubmittedLog.read(typed));
            assertEquals(MessageState.DELIVERED, after.state(), after.toString());
            assertEquals("tmux", after.method());
        }
    }

    /**
     * Runs the old process's worker on one message: it types and submits it, but its outcome is never committed
     * (the process is killed first). @return the message's id
     */
    private String typedThenKilled(AgentConfig agent, String text) throws Exception {
        try (SqliteMessageQueue real = open()) {
            String id = real.enqueue(Messages.to(agent.id(), text)).id();
            MessageQueue killedBeforeTheOutcome = (MessageQueue) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {MessageQueue.class}, (proxy, m, args) -> {
                        if (m.getName().equals("markDeliveredAsync")) {
                            return new CompletableFuture<Void>(); // never committed
                        }
                        try {
                            return m.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            DeliveryWorker old = new DeliveryWorker(
                    agent.id(), "old", killedBeforeTheOutcome, new AgentRegistry(List.of(agent)), chain(), LEASE, 20);
            assertTrue(old.deliverOne());
            assertEquals(MessageState.DELIVERING, real.find(id).orElseThrow().state());
            return id;
        }
    }

    /** A new process on the same data: recovers what the old one left DELIVERING, then delivers it. */
    private QueuedMessage restartAndDeliver(AgentConfig agent) throws Exception {
        try (SqliteMessageQueue queue = open()) {
            assertEquals(1, queue.recoverAbandoned("new"));
            DeliveryWorker worker =
                    new DeliveryWorker(agent.id(), "new", queue, new AgentRegistry(List.of(agent)), chain(), LEASE, 20);
            assertTrue(worker.deliverOne());
            QueuedMessage after = queue.list(List.of(), agent.id(), 1).get(0);
            Await.until(
                    Duration.ofSeconds(30),
                    () -> queue.find(after.id()).orElseThrow().state() != MessageState.DELIVERING,
                    () -> "still delivering");
            return queue.find(after.id()).orElseThrow();
        }
    }

    private String lastDetail(String id) {
        try (SqliteMessageQueue queue = open()) {
            var h = queue.history(id);
            return String.valueOf(h.get(h.size() - 1).detail());
        }
    }

    private FallbackChain chain() {
        return new FallbackChain(
                List.of(TmuxDeliverer.create(dir.resolve("data")), new InboxDeliverer(AgentConfig::inbox)),
                3,
                Duration.ofSeconds(30),
                Clock.systemUTC());
    }

    private SqliteMessageQueue open() {
        return SqliteMessageQueue.open(dir.resolve("data"), 3, new Backoff(100, 1_000));
    }

    private AgentConfig agent(PrivateTmuxServer server, DeliveryMethod... methods) {
        return new AgentConfig(
                        "Agent-2",
                        List.of(),
                        List.of(),
                        List.of(methods),
                        null,
                        null,
                        new TmuxConfig(server.target(), server.socket()))
                .withInbox(dir.resolve("Agent-2").resolve("inbox"));
    }

    private static void paste(PrivateTmuxServer server, String text) throws InterruptedException {
        TmuxClient tmux = new TmuxClient(server.socket());
        assertTrue(tmux.runWithInput(text, "load-buffer", "-b", "left", "-").ok());
        assertTrue(tmux.run("paste-buffer", "-p", "-r", "-d", "-b", "left", "-t", server.target())
                .ok());
        Await.until(Duration.ofSeconds(30), () -> server.capture().contains(text), server::capture);
    }
}
