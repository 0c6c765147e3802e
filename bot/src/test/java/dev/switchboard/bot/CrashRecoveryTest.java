package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.bot.CrashTraffic.Sent;
import dev.switchboard.bot.InboxSnapshot.InboxFile;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.delivery.InboxDeliverer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise end to end: the real application in a child JVM accepts chat commands from its
 * standard input and delivers them to inbox files while it is killed with SIGKILL at random moments (also
 * during start-up), then restarted, cycle after cycle; meanwhile files are moved to {@code processed/} as
 * an agent would. After a last clean run has drained the queue, every message the child confirmed as queued
 * is in exactly one inbox file with its exact body, nothing is duplicated, no temp file is left, and every
 * moved file's message is READ.
 *
 * <p>Kill moments come from a seeded random generator; the seed is printed and {@code -Dcrash.seed=<n>}
 * repeats the same choices (the child's timing still varies; the checks do not depend on it).
 */
@Timeout(value = 175, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    private static final int CYCLES = Integer.getInteger("crash.cycles", 22);
    /** Commands typed ahead of their replies: keeps the pipe short and the backlog drainable. */
    private static final int MAX_IN_FLIGHT = 8;

    private static final Set<MessageState> PENDING =
            EnumSet.of(MessageState.QUEUED, MessageState.DELIVERING, MessageState.RETRY_WAIT);

    /** Kept when the test fails: data, inboxes and the child's stderr are there to look at. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Path dataDir;
    private Path workspaces;
    private Path config;
    private Path stderrLog;
    private String classPath;
    private Random random;
    private CrashTraffic traffic;
    private final Map<String, Sent> sentByToken = new HashMap<>();
    private final Map<String, Sent> confirmed = new LinkedHashMap<>();
    private final Set<String> movedIds = new HashSet<>();
    private int startupKills;
    private int cliSends;

    @Test
    void everyAcceptedMessageIsInExactlyOneInboxFileAfterRepeatedSigkills() throws Exception {
        // GIVEN a config with six agents (ids and aliases) and empty data and workspace folders
        long seed = Long.getLong("crash.seed", new SecureRandom().nextLong());
        log("seed " + seed + " (repeat with -Dcrash.seed=" + seed + "), " + CYCLES + " kill cycles, in " + dir);
        random = new Random(seed);
        traffic = new CrashTraffic(random);
        setUpFiles();
        long started = System.nanoTime();

        // WHEN the application is fed messages and SIGKILLed at random moments, over and over
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            runAndKill(cycle);
            // An agent working through its inbox while Switchboard is down. The newest files are the ones most
            // likely written just before the kill, before their delivery was recorded: the redelivery after the
            // restart must find them in processed/ instead of writing them again.
            moveFiles(random.nextInt(3), false);
            moveFiles(1 + random.nextInt(3), true);
        }
        // AND finally runs cleanly until its queue is drained and moved files are seen
        int sentTotal = sentByToken.size();
        finalCleanRun();

        // THEN every confirmed message is in exactly one inbox file, nothing is duplicated or half-written
        Verdict verdict = verify();
        log(String.format(
                "%d cycles (%d killed during start-up) in %.1f s: %d commands typed (%d by 'send' in"
                        + " another process), %d confirmed, %d delivered without confirmation, %d files moved to"
                        + " processed/, %d recovered mid-delivery",
                CYCLES,
                startupKills,
                (System.nanoTime() - started) / 1e9,
                sentTotal,
                cliSends,
                confirmed.size(),
                verdict.unconfirmedDelivered,
                movedIds.size(),
                verdict.recoveredAfterRestart));
        if (!verdict.problems.isEmpty()) {
            fail(verdict.problems.size() + " problem(s) (seed " + seed + "):\n  "
                    + verdict.problems.stream().limit(25).collect(Collectors.joining("\n  ")));
        }
        assertTrue(
                confirmed.size() >= CYCLES,
                "the child confirmed too few messages to prove anything: " + confirmed.size());
    }

    private void setUpFiles() throws IOException {
        dataDir = dir.resolve("data");
        workspaces = dir.resolve("workspaces");
        config = dir.resolve("switchboard.yaml");
        stderrLog = dir.resolve("child-stderr.log");
        // the web server has tests of its own; here it would only slow down every restart
        StringBuilder yaml =
                new StringBuilder("data_dir: data\nworkspaces: workspaces\nweb: {enabled: false}\nagents:\n");
        for (int i = 1; i <= CrashTraffic.AGENTS; i++) {
            yaml.append("  - id: ")
                    .append(CrashTraffic.agentId(i))
                    .append("\n    aliases: [a")
                    .append(i)
                    .append("]\n");
        }
        Files.writeString(config, yaml.toString());
        // The child runs the application's own classes and dependencies, not this module's test classes.
        classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void runAndKill(int cycle) throws Exception {
        SwitchboardProcess child = SwitchboardProcess.start(classPath, config, dataDir, stderrLog);
        List<Sent> sent = new ArrayList<>();
        List<SwitchboardProcess.Reply> replies = new ArrayList<>();
        CliSend cli = null;
        try {
            if (startupKills < CYCLES / 6 && random.nextInt(8) == 0) {
                // Killed while starting: opening the queue, recovering abandoned deliveries, scanning inboxes.
                startupKills++;
                Thread.sleep(random.nextInt(1200));
            } else {
                assertTrue(
                        child.awaitBanner(30_000),
                        () -> "cycle " + cycle + ": the child did not start\n" + diagnostics(child));
                if (random.nextBoolean()) {
                    cli = startCliSend(cycle); // a second process writing to the queue while the child is killed
                }
                feed(child, cycle, sent, replies, System.currentTimeMillis() + 50 + random.nextInt(1200));
            }
            assertTrue(
                    child.isAlive(), () -> "cycle " + cycle + ": the child exited on its own\n" + diagnostics(child));
        } finally {
            replies.addAll(child.killAndCollect());
        }
        record(cycle, sent, replies, child);
        if (cli != null) {
            recordCliSend(cycle, cli);
        }
    }

    private record CliSend(CrashTraffic.Sent sent, Process process, Path output) {}

    private CliSend startCliSend(int cycle) throws IOException {
        Sent s = traffic.nextForCli(cycle);
        sentByToken.put(s.token(), s);
        Path output = dir.resolve("cli-" + cycle + ".out");
        // commandText holds the agent name to type (an alias); the body is one argument, newline and all
        Process p = SwitchboardProcess.startCli(
                classPath, config, dataDir, List.of("send", s.commandText(), s.body()), output);
        return new CliSend(s, p, output);
    }

    /** The CLI is not affected by the service's death: it must finish, and its confirmation counts like any. */
    private void recordCliSend(int cycle, CliSend cli) throws Exception {
        assertTrue(cli.process().waitFor(60, TimeUnit.SECONDS), "cycle " + cycle + ": 'send' did not finish");
        String out = Files.readString(cli.output());
        assertEquals(0, cli.process().exitValue(), () -> "cycle " + cycle + ": 'send' failed:\n" + out);
        java.util.regex.Matcher q =
                SwitchboardProcess.QUEUED.matcher(out.lines().findFirst().orElse(""));
        assertTrue(q.matches(), () -> "cycle " + cycle + ": 'send' printed no id:\n" + out);
        assertEquals(cli.sent().agent(), q.group(2));
        assertTrue(confirmed.put(q.group(3), cli.sent()) == null, "id " + q.group(3) + " was confirmed twice");
        cliSends++;
    }

    /** Types commands as fast as replies allow until {@code killAt}, moving an inbox file now and then. */
    private void feed(
            SwitchboardProcess child, int cycle, List<Sent> sent, List<SwitchboardProcess.Reply> replies, long killAt)
            throws Exception {
        int n = 0;
        while (System.currentTimeMillis() < killAt) {
            if (sent.size() - replies.size() < MAX_IN_FLIGHT) {
                Sent s = traffic.next(cycle, n++);
                sent.add(s);
                sentByToken.put(s.token(), s);
                try {
                    child.send(s.commandText());
                } catch (IOException e) {
                    fail("cycle " + cycle + ": the child stopped reading its input: " + e + "\n" + diagnostics(child));
                }
            }
            long wait = sent.size() - replies.size() < MAX_IN_FLIGHT
                    ? 0
                    : Math.max(1, Math.min(20, killAt - System.currentTimeMillis()));
            SwitchboardProcess.Reply r = child.pollReply(wait);
            if (r != null) {
                replies.add(r);
            }
            if (random.nextInt(30) == 0) {
                moveFiles(1, false); // while the child is delivering and watching
            }
        }
    }

    /** Pairs replies with commands (the console answers in order) and keeps what was confirmed. */
    private void record(int cycle, List<Sent> sent, List<SwitchboardProcess.Reply> replies, SwitchboardProcess child) {
        assertTrue(
                replies.size() <= sent.size(),
                () -> "cycle " + cycle + ": more replies than commands\n" + diagnostics(child));
        for (int i = 0; i < replies.size(); i++) {
            SwitchboardProcess.Reply r = replies.get(i);
            Sent s = sent.get(i);
            int index = i;
            assertTrue(
                    r.queued(),
                    () -> "cycle " + cycle + ": command " + index + " was refused: " + r.line() + "\n  typed: "
                            + s.commandText());
            assertEquals(s.agent(), r.agent(), () -> "cycle " + cycle + ": reply " + index + " names another agent");
            Sent previous = confirmed.put(r.id(), s);
            assertTrue(previous == null, () -> "id " + r.id() + " was confirmed twice");
        }
    }

    /** Moves {@code count} inbox files (of random agents; a random file, or the agent's newest) to processed/. */
    private void moveFiles(int count, boolean newest) throws IOException {
        for (int i = 0; i < count; i++) {
            Path inbox = workspaces
                    .resolve(CrashTraffic.agentId(1 + random.nextInt(CrashTraffic.AGENTS)))
                    .resolve("inbox");
            if (!Files.isDirectory(inbox)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(inbox)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".md"))
                        .sorted()
                        .toList();
            }
            if (files.isEmpty()) {
                continue;
            }
            Path file = newest ? files.get(files.size() - 1) : files.get(random.nextInt(files.size()));
            Path processed = inbox.resolve(InboxDeliverer.PROCESSED);
            Files.createDirectories(processed);
            try {
                Files.move(file, processed.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                movedIds.add(dev.switchboard.delivery.InboxFormat.idOf(
                                file.getFileName().toString())
                        .orElseThrow());
            } catch (NoSuchFileException e) {
                // Nobody else moves files; if it vanished, that is for the final check to report.
            }
        }
    }

    private void finalCleanRun() throws Exception {
        SwitchboardProcess child = SwitchboardProcess.start(classPath, config, dataDir, stderrLog);
        try {
            assertTrue(child.awaitBanner(30_000), () -> "final run: the child did not start\n" + diagnostics(child));
            awaitDrained(child);
            assertEquals(0, child.closeInputAndWait(20_000), () -> "final run: no clean exit\n" + diagnostics(child));
        } finally {
            if (child.isAlive()) {
                child.killAndCollect(); // a failed check must not leave the child running on the temp folder
            }
        }
    }

    /** Watches the queue as a second process would (the CLI does) until nothing is pending or unread. */
    private void awaitDrained(SwitchboardProcess child) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        try (SqliteMessageQueue observer = SqliteMessageQueue.open(dataDir, 5, new Backoff(500, 60_000))) {
            while (true) {
                long pending = observer.list(PENDING, null, 1).size();
                long unread = movedIds.stream()
                        .filter(id ->
                                observer.find(id).map(QueuedMessage::state).orElse(null) != MessageState.READ)
                        .count();
                if (pending == 0 && unread == 0) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    fail("final run: still " + observer.stats().byState() + " and " + unread
                            + " moved file(s) not READ after 90 s\n" + diagnostics(child));
                }
                Thread.sleep(50);
            }
        }
    }

    private static final class Verdict {
        final List<String> problems = new ArrayList<>();
        int unconfirmedDelivered;
        int recoveredAfterRestart;
    }

    private Verdict verify() throws Exception {
        Verdict v = new Verdict();
        InboxSnapshot snapshot = InboxSnapshot.read(workspaces);
        snapshot.strays().forEach(p -> v.problems.add("stray file (temp file left behind?): " + dir.relativize(p)));
        Map<String, List<InboxFile>> byId = snapshot.files().stream().collect(Collectors.groupingBy(InboxFile::nameId));
        Map<String, List<InboxFile>> byToken =
                snapshot.files().stream().collect(Collectors.groupingBy(f -> CrashTraffic.tokenOf(f.body())));

        for (InboxFile f : snapshot.files()) {
            if (!f.nameId().equals(f.frontMatterId())) {
                v.problems.add(f.path().getFileName() + ": front matter says id " + f.frontMatterId());
            }
        }
        byId.forEach((id, files) -> {
            if (files.size() != 1) {
                v.problems.add("id " + id + " is in " + files.size() + " files: "
                        + files.stream()
                                .map(f -> dir.relativize(f.path()).toString())
                                .toList());
            }
        });
        byToken.forEach((token, files) -> {
            Sent s = sentByToken.get(token);
            if (s == null) {
                v.problems.add("a file holds text that was never typed: "
                        + files.get(0).path().getFileName());
                return;
            }
            if (files.size() != 1) {
                v.problems.add(token + " was delivered " + files.size() + " times (ids "
                        + files.stream().map(InboxFile::nameId).toList() + ")");
            }
            for (InboxFile f : files) {
                if (!f.body().equals(s.body())) {
                    v.problems.add(token + ": body differs: expected " + quote(s.body()) + " got " + quote(f.body()));
                }
                if (!f.agent().equals(s.agent())) {
                    v.problems.add(token + ": in " + f.agent() + "'s inbox, sent to " + s.agent());
                }
            }
        });
        confirmed.forEach((id, s) -> {
            List<InboxFile> files = byId.getOrDefault(id, List.of());
            if (files.isEmpty()) {
                v.problems.add("LOST: confirmed " + id + " (" + s.token() + " for " + s.agent() + ") is in no inbox");
            } else if (!files.get(0).body().equals(s.body())) {
                v.problems.add("confirmed " + id + " holds another text than " + s.token());
            }
        });
        v.unconfirmedDelivered = (int)
                byId.keySet().stream().filter(id -> !confirmed.containsKey(id)).count();
        checkQueue(v, byId);
        return v;
    }

    /** The queue agrees with the files: every message delivered or read exactly as its file's place says. */
    private void checkQueue(Verdict v, Map<String, List<InboxFile>> byId) throws Exception {
        try (Connection c =
                        DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteMessageQueue.FILE_NAME));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            if (!"ok".equals(rs.getString(1))) {
                v.problems.add("queue database integrity: " + rs.getString(1));
            }
        }
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(dataDir, 5, new Backoff(500, 60_000))) {
            List<QueuedMessage> all = queue.list(List.of(), null, Integer.MAX_VALUE);
            Set<String> inQueue = new HashSet<>();
            for (QueuedMessage m : all) {
                inQueue.add(m.id());
                List<InboxFile> files = byId.getOrDefault(m.id(), List.of());
                if (files.size() != 1) {
                    v.problems.add("queued message " + m.id() + " (" + m.state() + ") has " + files.size() + " files");
                    continue;
                }
                boolean processed = files.get(0).processed();
                MessageState expected = processed ? MessageState.READ : MessageState.DELIVERED;
                if (m.state() != expected) {
                    v.problems.add(
                            m.id() + " is " + m.state() + " but its file is in " + (processed ? "processed/" : "inbox/")
                                    + (m.lastError() == null ? "" : "; " + m.lastError()));
                }
                Sent sent = sentByToken.get(CrashTraffic.tokenOf(files.get(0).body()));
                if (sent != null && !m.message().body().equals(sent.body())) {
                    v.problems.add(m.id() + ": the queue holds another body than was typed");
                }
                if (queue.history(m.id()).stream().anyMatch(t -> "recovered after restart".equals(t.detail()))) {
                    v.recoveredAfterRestart++;
                }
            }
            byId.keySet().stream()
                    .filter(id -> !inQueue.contains(id))
                    .forEach(id -> v.problems.add("file for " + id + " but no such message in the queue"));
            confirmed.keySet().stream()
                    .filter(id -> !inQueue.contains(id))
                    .forEach(id -> v.problems.add("confirmed " + id + " is missing from the queue"));
            movedIds.stream()
                    .filter(id -> queue.find(id).map(QueuedMessage::state).orElse(null) != MessageState.READ)
                    .forEach(id -> v.problems.add("moved to processed/ but not READ: " + id));
        }
    }

    private String diagnostics(SwitchboardProcess child) {
        String err;
        try {
            List<String> lines = Files.exists(stderrLog) ? Files.readAllLines(stderrLog) : List.of();
            err = String.join("\n    ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            err = "(cannot read " + stderrLog + ": " + e + ")";
        }
        List<String> out = child.stdoutLines();
        return "  stdout (last lines):\n    "
                + String.join("\n    ", out.subList(Math.max(0, out.size() - 15), out.size()))
                + "\n  stderr (last lines):\n    " + err;
    }

    private static String quote(String s) {
        return '"' + (s.length() > 80 ? s.substring(0, 80) + "…" : s).replace("\n", "\\n") + '"';
    }

    private static void log(String line) {
        System.out.println("[CrashRecoveryTest] " + line);
    }
}
