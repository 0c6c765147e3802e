package dev.switchboard.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.answers.OutboxWatcher;
import dev.switchboard.commands.gas.StatusWatcher;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents' outbox and status files, generated from a fixed seed (a failure names it; another with
 * {@code -Dfuzz.seed=}): at least
 * 10,000 of each. Nothing crashes, nothing is written outside the workspaces, each outbox file ends up taken or
 * refused and each refusal is reported exactly once, each unusable status file version is reported exactly once.
 */
@Timeout(300)
class AgentFilesFuzzTest {
    /** Fixed by default so the suite is repeatable; any other seed with -Dfuzz.seed. */
    private static final long SEED = Long.getLong("fuzz.seed", 1_411_202_611L);

    private static final int FILES = 10_000;
    private static final String PUNCTUATION = "-:#\"'\n\r{}[]/\\. ";
    private static final List<String> AGENTS = List.of("Agent-1", "Agent-2", "Agent-3");

    /** Every failure names the seed that repeats it. */
    @RegisterExtension
    final TestExecutionExceptionHandler nameTheSeed = (context, thrown) -> {
        throw new AssertionError("seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "): " + thrown, thrown);
    };

    @TempDir
    Path tempDir;

    private Path dir;

    /** On tmpfs when there is one: ten thousand fsyncs on a shared disk would take minutes. */
    @org.junit.jupiter.api.BeforeEach
    void placeOnTmpfs() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "switchboard-fuzz")
                : tempDir;
    }

    @org.junit.jupiter.api.AfterEach
    void removeTmpfsDir() throws IOException {
        if (!dir.equals(tempDir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private String noise(SplittableRandom r, int max) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            b.appendCodePoint(
                    switch (kind) {
                        case 0 -> r.nextInt(32); // control characters
                        case 1 -> 0x1F600 + r.nextInt(50); // emoji
                        case 2 -> PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()));
                        case 3 -> 0xD800 + r.nextInt(0x800); // a lone surrogate: not text
                        default -> 'a' + r.nextInt(26);
                    });
        }
        return b.toString();
    }

    private byte[] outboxContent(SplittableRandom r, List<String> ids) {
        String id = ids.get(r.nextInt(ids.size()));
        String body = r.nextInt(4) == 0 ? noise(r, 60) : "done: " + noise(r, 5).replaceAll("\\p{Cntrl}", "") + " ok";
        return switch (r.nextInt(12)) {
            case 0 -> body.getBytes(StandardCharsets.UTF_8);
            case 1 -> ("---\nreply_to: " + id + "\n---\n" + body).getBytes(StandardCharsets.UTF_8);
            case 2 ->
                ("---\nreply_to: \"#" + id.substring(id.length() - 4) + "\"\r\n---\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8);
            case 3 ->
                ("---\nto: " + pick(r, "Agent-1", "agent-2", "Agent-9", "../x", "") + "\n---\n" + body)
                        .getBytes(StandardCharsets.UTF_8);
            case 4 -> ("---\nreply_to: " + noise(r, 12) + "\n---\n" + body).getBytes(StandardCharsets.UTF_8);
            case 5 -> ("---\n" + noise(r, 40)).getBytes(StandardCharsets.UTF_8); // front matter never closed
            case 6 -> {
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                yield b; // binary, mostly not UTF-8
            }
            case 7 -> new byte[0];
            case 8 -> ("---\n" + noise(r, 30) + "\n---\n" + body).getBytes(StandardCharsets.UTF_8);
            case 9 ->
                ("---\nreply_to: " + id + "\nto: Agent-3\ntitle: x\n---\n" + body).getBytes(StandardCharsets.UTF_8);
            case 10 ->
                r.nextInt(50) == 0
                        ? "x".repeat(300 * 1024).getBytes(StandardCharsets.UTF_8)
                        : body.getBytes(StandardCharsets.UTF_8);
            default -> noise(r, 200).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Map<String, Long> snapshot(Path root, Path... except) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> Stream.of(except).noneMatch(p::startsWith)).forEach(p -> {
                try {
                    out.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
                } catch (IOException e) {
                    out.put(root.relativize(p).toString(), -2L);
                }
            });
        }
        return out;
    }

    @Test
    void outboxFiles() throws Exception {
        System.out.println("AgentFilesFuzzTest.outboxFiles seed " + SEED);
        SplittableRandom r = new SplittableRandom(SEED);
        try (Rig rig = new Rig(dir)) {
            Path outside = Files.createDirectories(dir.resolve("outside"));
            Files.writeString(outside.resolve("secret.md"), "not for chat");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Reply q = rig.commands.executeChat(
                        "msg Agent-" + (1 + i % 3) + " question " + i,
                        Rig.caller("alice", Role.ADMIN, i % 2 == 0 ? Platform.DISCORD : Platform.TWITCH));
                ids.add(q.messageIds().get(0));
            }
            for (String agent : AGENTS) {
                Files.createDirectories(rig.workspace(agent).resolve("outbox"));
            }
            Map<String, Long> before = snapshot(
                    dir, rig.config.get().workspaces(), rig.config.get().dataDir());
            List<String> reports = new ArrayList<>();
            // a clock a minute ahead: every file written here has settled (links included, whose own time is now)
            OutboxWatcher watcher = new OutboxWatcher(
                    rig.agents::all,
                    a -> rig.workspace(a.id()).resolve("outbox"),
                    rig.intake,
                    (agent, line) -> reports.add(line),
                    0,
                    Duration.ofMillis(300),
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
            int written = 0;
            int taken = 0;
            while (written < FILES) {
                for (int i = 0; i < 500 && written < FILES; i++, written++) {
                    Path outbox = rig.workspace(AGENTS.get(r.nextInt(3))).resolve("outbox");
                    String name = String.format("%06d_%s.md", written, r.nextInt(20) == 0 ? "ü ✓ x" : "a");
                    Path f = outbox.resolve(name);
                    if (r.nextInt(200) == 0) {
                        Files.createSymbolicLink(f, outside.resolve("secret.md")); // must not leak nor move
                    } else if (r.nextInt(300) == 0) {
                        Files.createDirectories(f); // a folder named like an answer
                        continue;
                    } else {
                        Files.write(f, outboxContent(r, ids));
                    }
                }
                taken += watcher.scanOnce();
            }
            int sent = 0;
            int refused = 0;
            for (String agent : AGENTS) {
                Path outbox = rig.workspace(agent).resolve("outbox");
                try (Stream<Path> s = Files.list(outbox)) {
                    assertEquals(
                            List.of(),
                            s.filter(p -> p.toString().endsWith(".md") && !Files.isDirectory(p))
                                    .toList(),
                            "every file was taken or refused");
                }
                sent += count(outbox.resolve(OutboxWatcher.SENT));
                refused += count(outbox.resolve(OutboxWatcher.REFUSED));
            }
            assertEquals(taken, sent);
            assertEquals(refused, reports.size(), "each refusal reported once");
            assertTrue(reports.stream().allMatch(l -> l.lines().count() == 1), "one line each");
            assertTrue(taken > 1000 && refused > 1000, "both kinds were exercised: " + taken + " / " + refused);
            long stored = rig.answers
                    .waiting(EnumSet.allOf(Destination.class), 100_000)
                    .size();
            long queuedReplies = rig.queue.list(List.of(), null, 100_000).stream()
                    .filter(q -> q.message().type() == dev.switchboard.core.message.MessageType.REPLY)
                    .count();
            assertEquals(taken, stored + queuedReplies, "every taken answer is stored or queued exactly once");
            assertEquals(
                    before,
                    snapshot(
                            dir, rig.config.get().workspaces(), rig.config.get().dataDir()),
                    "nothing written outside the workspaces");
            assertEquals("not for chat", Files.readString(outside.resolve("secret.md")));
        }
    }

    private static int count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return (int) s.count();
        }
    }

    private String statusContent(SplittableRandom r, String agent) {
        String task = pick(r, "tests", "docs", "refactor " + r.nextInt(5), noise(r, 10));
        String progress = pick(
                r,
                Integer.toString(r.nextInt(101)),
                Integer.toString(r.nextInt(300) - 100),
                "\"80\"",
                "null",
                "NaN",
                "1e400",
                Double.toString(r.nextDouble() * 100),
                "[75]",
                "{}");
        String id = pick(r, agent, agent.toLowerCase(), "Agent-9", "", noise(r, 8));
        return switch (r.nextInt(8)) {
            case 0 -> noise(r, 80);
            case 1 -> "{\"agent_id\": \"" + id + "\", \"progress\": " + progress;
            case 2 -> "[1, 2, 3]";
            default ->
                "{\"agent_id\": " + quote(id) + ", \"status\": \"working\", \"current_task\": "
                        + quote(task) + ", \"progress\": " + progress + ", \"last_updated\": \"" + r.nextInt()
                        + "\"" + (r.nextBoolean() ? ", \"extra\": {\"deep\": [1, {\"x\": null}]}" : "") + "}";
        };
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Test
    void statusFiles() throws Exception {
        System.out.println("AgentFilesFuzzTest.statusFiles seed " + SEED);
        SplittableRandom r = new SplittableRandom(SEED);
        try (Rig rig = new Rig(dir)) {
            for (String agent : AGENTS) {
                Files.createDirectories(rig.workspace(agent));
            }
            Map<String, Long> before = snapshot(
                    dir, rig.config.get().workspaces(), rig.config.get().dataDir());
            List<String> reports = new ArrayList<>();
            StatusWatcher watcher = new StatusWatcher(
                    rig.agents::all, a -> rig.workspace(a.id()), rig.gas, (agent, line) -> reports.add(line), 0);
            Map<String, String> last = new TreeMap<>();
            int observed = 0;
            int malformed = 0;
            for (int i = 0; i < FILES; i++) {
                String agent = AGENTS.get(r.nextInt(3));
                String content = statusContent(r, agent);
                Path file = rig.workspace(agent).resolve(StatusWatcher.FILE);
                byte[] bytes = r.nextInt(500) == 0
                        ? new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}
                        : content.getBytes(StandardCharsets.UTF_8);
                Files.write(file, bytes);
                content = new String(bytes, StandardCharsets.ISO_8859_1); // what the file holds, byte for byte
                int reportsBefore = reports.size();
                observed += watcher.scanOnce();
                boolean changed = !content.equals(last.put(agent, content));
                boolean reported = reports.size() > reportsBefore;
                assertTrue(reports.size() - reportsBefore <= 1, "at most one report per new file version");
                if (reported) {
                    malformed++;
                    assertTrue(
                            changed,
                            "a version already seen is not reported again: " + reports.get(reports.size() - 1));
                }
                assertEquals(reports.size(), reportsBefore + (reported ? 1 : 0));
                if (i % 10 == 0) {
                    int again = reports.size();
                    watcher.scanOnce();
                    assertEquals(again, reports.size(), "scanning an unchanged file reports nothing");
                }
            }
            assertTrue(
                    observed > 1000 && malformed > 1000, "both kinds were exercised: " + observed + " / " + malformed);
            assertTrue(
                    reports.stream().allMatch(l -> l.lines().count() == 1 && l.contains("status.json is not usable")),
                    "one line each");
            assertEquals(
                    before,
                    snapshot(
                            dir, rig.config.get().workspaces(), rig.config.get().dataDir()),
                    "nothing written outside the workspaces");
        }
    }
}
