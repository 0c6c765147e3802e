package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.broker.LocalBroker;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.testkit.gui.SubmittedLog;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub ({@code switchboard run}) and two nodes ({@code switchboard node}), each a real child JVM, on the real
 * RabbitMQ: 1,000 messages to agents on both nodes while a node, the hub and the broker are each stopped hard
 * and come back. Every message must end delivered exactly once (one inbox file each, exact text; typed once into
 * a terminal agent's pane), with its state back at the hub.
 */
class ScaleOutProcessTest {
    private static final Sender ALICE = new Sender(Platform.CONSOLE, "local", "alice", Role.ADMIN);
    private static final List<String> AGENTS = List.of("A1", "A2", "B1", "B2");
    /** Every tenth message goes to a terminal agent on desk-1, which counts what is typed into it. */
    private static final String TERMINAL = "T1";

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private LocalBroker broker;
    private final List<Process> children = new ArrayList<>();
    private String classPath;
    private Path config;
    private PrivateTmuxServer pane;
    private Path typed;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        broker = new LocalBroker();
        typed = dir.resolve("typed.log");
        pane = PrivateTmuxServer.startWithReader(typed);
        config = dir.resolve("switchboard.yaml");
        Files.writeString(config, """
                data_dir: hub-data
                workspaces: workspaces
                web: {enabled: false}
                broker: {url: "%s", heartbeat_seconds: 1, offline_after_seconds: 4}
                agents:
                  - {id: A1, node: desk-1}
                  - {id: A2, node: desk-1}
                  - {id: B1, node: desk-2}
                  - {id: B2, node: desk-2}
                  - {id: T1, node: desk-1, delivery: [tmux], tmux: {target: "%s", socket: "%s"}}
                """.formatted(broker.url(), pane.target(), pane.socket()));
        classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pane.close();
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        broker.close();
    }

    private Process start(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx128m",
                "-Dfile.encoding=UTF-8",
                "-cp",
                classPath,
                Main.class.getName(),
                "--config",
                config.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve(name + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("SWITCHBOARD_DISCORD_TOKEN");
        pb.environment().remove("SWITCHBOARD_TWITCH_TOKEN");
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private Process hub() throws IOException {
        return start("hub", List.of("run", "--no-console"));
    }

    private Process node(String name) throws IOException {
        return start(name, List.of("node", "--name", name));
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "killed");
    }

    @Test
    void nothingLostNothingDoubledThroughNodeHubAndBrokerFailures() throws Exception {
        SwitchboardConfig cfg = ConfigLoader.loadOrDefault(config, Map.of(), dir, null);
        Process hub = hub();
        Process desk1 = node("desk-1");
        node("desk-2");
        Map<String, String> sent = new HashMap<>();
        List<String> maybeTyped = new ArrayList<>();
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(cfg.dataDir(), 50, new Backoff(100, 1_000))) {
            // The test writes to the hub's queue as `switchboard send` does beside a running hub.
            int n = 1_000;
            for (int i = 0; i < n; i++) {
                String agent = i % 10 == 9 ? TERMINAL : AGENTS.get(i % AGENTS.size());
                String body = agent.equals(TERMINAL)
                        ? "message " + i + " → " + agent
                        : "message " + i + " → " + agent + "\n```\ncode\n```";
                UnifiedMessage m = UnifiedMessage.text(
                        ALICE, agent, body, Priority.NORMAL, new Origin(Platform.CONSOLE, null, null, null, null));
                queue.enqueueAsync(m);
                sent.put(m.id(), m.body());
                if (i == 150) {
                    awaitDelivered(queue, 50);
                    // The terminal agent has had a verified delivery, so the node knows how its empty input line
                    // looks (kept in the data dir): a restarted node pastes nothing behind what a kill left there.
                    awaitTerminalDelivered(queue);
                    kill(desk1); // mid-delivery: its unacknowledged job comes back to the restarted node
                    desk1 = node("desk-1");
                } else if (i == 450) {
                    awaitDelivered(queue, 300);
                    kill(hub); // confirmed sends survive; unconfirmed ones are sent again by the next hub
                    hub = hub();
                } else if (i == 750) {
                    awaitDelivered(queue, 550);
                    LocalBroker.ctl("stop_app");
                    LocalBroker.ctl("start_app");
                }
            }
            // A terminal job the killed node was typing is submitted by the restarted node if its text sits
            // unsubmitted in the pane's input line; otherwise it is reported dead ("may already be in the input"),
            // never typed again: such a message may be in the pane once or not at all, and nothing else is dead.
            Await.until(
                    Duration.ofSeconds(240),
                    () -> count(queue, MessageState.DELIVERED) + count(queue, MessageState.DEAD) == n,
                    () -> "delivered " + count(queue, MessageState.DELIVERED) + " of " + n + "; queued "
                            + count(queue, MessageState.QUEUED) + ", delivering "
                            + count(queue, MessageState.DELIVERING)
                            + ", retry " + count(queue, MessageState.RETRY_WAIT) + ", dead "
                            + count(queue, MessageState.DEAD) + "; logs in " + dir);
            for (UnifiedMessage dead : queue.list(List.of(MessageState.DEAD), null, 100).stream()
                    .map(q -> q.message())
                    .toList()) {
                assertEquals(TERMINAL, dead.recipient().name(), "only a terminal job may be dead: " + dead.body());
                assertTrue(
                        queue.history(dead.id()).stream()
                                .anyMatch(t -> t.detail() != null && t.detail().contains("may already be in")),
                        "dead for the right reason");
                maybeTyped.add(dead.body());
            }
        }
        Map<String, Long> typedCounts =
                SubmittedLog.read(typed).stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        // A message pasted behind text a kill left in the input line would reach the program merged with it
        for (String line : typedCounts.keySet()) {
            assertTrue(sent.containsValue(line), "the pane's program got a line that is no message: " + line);
        }
        for (Map.Entry<String, String> e : sent.entrySet()) {
            if (!e.getValue().contains("→ " + TERMINAL)) {
                continue;
            }
            long times = typedCounts.getOrDefault(e.getValue(), 0L);
            if (maybeTyped.contains(e.getValue())) {
                assertTrue(times <= 1, "typed at most once: " + e.getValue());
            } else {
                assertEquals(1, times, "typed exactly once: " + e.getValue());
            }
        }
        assertEquals(
                typedCounts.keySet().size(),
                typedCounts.values().stream().mapToLong(Long::longValue).count(),
                "nothing typed twice");
        Map<String, Integer> files = new HashMap<>();
        sent.values().removeIf(body -> body.contains("→ " + TERMINAL));
        for (String agent : AGENTS) {
            try (Stream<Path> s = Files.list(cfg.workspaces().resolve(agent).resolve("inbox"))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".md")).toList()) {
                    String text = Files.readString(f);
                    String id = text.lines()
                            .filter(l -> l.startsWith("id: "))
                            .findFirst()
                            .orElseThrow()
                            .substring(4);
                    files.merge(id, 1, Integer::sum);
                    assertTrue(text.endsWith("---\n" + sent.get(id)), "exact text of " + id);
                }
            }
        }
        assertEquals(sent.keySet(), files.keySet(), "every message has its inbox file");
        assertTrue(files.values().stream().allMatch(c -> c == 1), "no message delivered twice");
    }

    private static void awaitDelivered(SqliteMessageQueue queue, long atLeast) {
        Await.until(
                Duration.ofSeconds(120),
                () -> count(queue, MessageState.DELIVERED) >= atLeast,
                () -> "delivered " + count(queue, MessageState.DELIVERED) + " < " + atLeast);
    }

    private static void awaitTerminalDelivered(SqliteMessageQueue queue) {
        Await.until(
                Duration.ofSeconds(120),
                () -> !queue.list(List.of(MessageState.DELIVERED), TERMINAL, 1).isEmpty(),
                () -> "no message delivered to " + TERMINAL + " yet");
    }

    private static long count(SqliteMessageQueue queue, MessageState state) {
        return queue.stats().count(state);
    }
}
