package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Real faults under the running service: a full disk and a read-only data folder (a small tmpfs, mounted as
 * root), the database locked by another process, the inbox replaced by a file, the file truncated. Each is
 * reported once (one stack trace in the log however often it is retried), refusals say whether anything was
 * stored, and when the fault ends everything accepted is delivered exactly once.
 */
@Timeout(180)
class FaultSuiteTest {
    private static final App.Tuning FAST = new App.Tuning(50, 50, 200, 100, 3, Duration.ofSeconds(1));
    private static final Caller ME = Caller.local(Platform.CONSOLE);

    @TempDir
    Path dir;

    private Path data;
    private Path mounted;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger writerLog = (Logger) LoggerFactory.getLogger("dev.switchboard.core.queue.GroupCommitWriter");

    @BeforeEach
    void captureTheWritersLog() {
        log.start();
        writerLog.addAppender(log);
        data = dir.resolve("data");
    }

    @AfterEach
    void unmount() throws Exception {
        writerLog.detachAppender(log);
        if (mounted != null) {
            exec("umount", "-l", mounted.toString());
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** A small tmpfs as the data folder; the test is skipped only where mounting is impossible (not root). */
    private void mountSmallDataFolder() throws Exception {
        mountSmallDisk(data);
    }

    private void mountSmallDisk(Path at) throws Exception {
        Files.createDirectories(at);
        boolean ok;
        try {
            ok = exec("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", at.toString()) == 0;
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok, "cannot mount a tmpfs here (needs root): the disk fault tests did not run");
        mounted = at;
    }

    private App start(String extraConfig) throws IOException {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(
                config,
                "data_dir: data\nworkspaces: ws\nweb: {enabled: false}\nagents: [{id: Agent-1}]\n" + extraConfig);
        return App.startService(ConfigLoader.load(config), Secrets.from(Map.of()), FAST);
    }

    private long tracesLogged() {
        return log.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null)
                .count();
    }

    private List<String> inboxBodies() throws IOException {
        return inboxBodies(dir.resolve("ws"));
    }

    private static List<String> inboxBodies(Path workspaces) throws IOException {
        Path inbox = workspaces.resolve("Agent-1/inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        List<String> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String content = Files.readString(f);
                bodies.add(content.substring(content.indexOf("\n---\n") + 5));
            }
        }
        return bodies;
    }

    private static void awaitDelivered(App app, Set<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (ids.stream()
                    .allMatch(id -> app.queue()
                            .find(id)
                            .map(q -> q.state() == MessageState.DELIVERED)
                            .orElse(false))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not all delivered: "
                + ids.stream()
                        .map(id ->
                                app.queue().find(id).map(q -> q.state().label()).orElse("missing"))
                        .toList());
    }

    @Test
    void aFullDiskIsRefusedAsDiskFullLoggedOnceAndNothingIsLostWhenSpaceReturns() throws Exception {
        mountSmallDataFolder();
        try (App app = start("")) {
            Reply before = app.commands().executeChat("msg Agent-1 before the disk filled up", ME);
            assertEquals(Reply.Status.OK, before.status(), before.text());
            Path filler = data.resolve("filler");
            fill(filler);

            // WHEN messages keep coming while the disk is full (big ones, so the log file must grow)
            String big = "x".repeat(3_000);
            List<Reply> refused = new ArrayList<>();
            List<String> accepted = new ArrayList<>(before.messageIds());
            for (int i = 0; i < 200 && refused.size() < 5; i++) {
                Reply r = app.commands().executeChat("msg Agent-1 full " + i + " " + big, ME);
                if (r.status() == Reply.Status.OK) {
                    accepted.addAll(r.messageIds());
                } else {
                    refused.add(r);
                }
            }

            // THEN each refusal says "disk full" in one line, and the trace is logged once, not per refusal
            assertEquals(5, refused.size(), "the disk never filled up");
            for (Reply r : refused) {
                assertTrue(r.text().contains("disk full") && r.text().contains("nothing was stored"), r.text());
                assertFalse(r.text().contains("\n"), r.text());
            }
            assertEquals(1, tracesLogged(), () -> "traces: " + log.list);

            // WHEN space returns, THEN everything accepted is delivered once, and nothing refused was stored
            Files.delete(filler);
            Reply after = app.commands().executeChat("msg Agent-1 after the disk had room again", ME);
            assertEquals(Reply.Status.OK, after.status(), after.text());
            accepted.addAll(after.messageIds());
            awaitDelivered(app, Set.copyOf(accepted));
            List<String> bodies = inboxBodies();
            assertEquals(accepted.size(), bodies.size(), bodies.toString());
            assertEquals(Set.copyOf(bodies).size(), bodies.size(), "a message was delivered twice");
            assertTrue(
                    bodies.contains("before the disk filled up") && bodies.contains("after the disk had room again"));
            assertEquals(
                    accepted.size(),
                    app.queue().list(Set.of(), null, 1_000).size(),
                    "a refused message was stored after all");
        }
    }

    @Test
    void aDeliveryWhileTheWholeDiskFillsWaitsAsARetryNotInDeliveringAndArrivesOnceWhenThereIsRoom() throws Exception {
        // GIVEN the queue and the agents' inboxes on one small disk, and a lease of an hour: a message left in
        // DELIVERING would stay there for the whole test
        Path disk = dir.resolve("disk");
        mountSmallDisk(disk);
        Files.writeString(
                dir.resolve("switchboard.yaml"),
                "data_dir: disk/data\nworkspaces: disk/ws\n"
                        + "web: {enabled: false}\nagents: [{id: Agent-1}]\n"
                        + "retry: {max_attempts: 1000, base_delay_ms: 20, max_delay_ms: 200, lease_seconds: 3600}\n");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> all = new ListAppender<>();
        Level rootLevel = root.getLevel();
        root.setLevel(Level.INFO); // the lines that say a failure is over are INFO
        all.start();
        root.addAppender(all);
        try (App app =
                App.startService(ConfigLoader.load(dir.resolve("switchboard.yaml")), Secrets.from(Map.of()), FAST)) {
            BlockingQueue<StatusEvent> events = new LinkedBlockingQueue<>();
            app.bus().subscribe(events::add);
            Reply before = app.commands().executeChat("msg Agent-1 before the disk filled up", ME);
            awaitDelivered(app, Set.copyOf(before.messageIds()));
            String id = app.commands()
                    .executeChat("msg Agent-1 --in 1s due while the disk is full", ME)
                    .messageIds()
                    .get(0);
            Path filler = disk.resolve("filler");
            fill(filler);

            // WHEN it comes due while the disk is full, and messages keep coming until the queue is full too
            java.time.Instant due = app.queue().find(id).orElseThrow().message().notBefore();
            while (java.time.Instant.now().isBefore(due)) {
                Thread.sleep(20);
            }
            Reply refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                Reply r = app.commands().executeChat("msg Agent-1 full " + i + " " + "x".repeat(3_000), ME);
                refused = r.status() == Reply.Status.OK ? null : r;
            }

            // THEN each refusal says so in one line
            assertTrue(refused != null, "the queue never filled up");
            assertTrue(
                    refused.text().contains("disk full")
                            && refused.text().contains("nothing was stored")
                            && !refused.text().contains("\n"),
                    refused.text());
            // AND the message does not sit in DELIVERING while the disk stays full: it waits as a retry (an
            // attempt failed for want of space, and that was written) or queued (the queue took no claim), or
            // it got through (a few bytes came free) and that was written
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (app.queue().find(id).orElseThrow().state() == MessageState.DELIVERING) {
                assertTrue(System.nanoTime() < deadline, "left in DELIVERING while the disk is full");
                Thread.sleep(20);
            }
            // AND every failed attempt said why
            for (StatusEvent e : events) {
                if (e.messageId().equals(id) && e.to() == MessageState.RETRY_WAIT) {
                    assertTrue(String.valueOf(e.detail()).contains("No space left on device"), e.toString());
                }
            }

            // WHEN there is room again, THEN it arrives, once, and so does everything the queue took
            Files.delete(filler);
            Set<String> accepted = app.queue().list(Set.of(), null, 1_000).stream()
                    .map(q -> q.id())
                    .collect(java.util.stream.Collectors.toSet());
            awaitDelivered(app, accepted);
            List<String> bodies = inboxBodies(disk.resolve("ws"));
            assertEquals(accepted.size(), bodies.size(), bodies.toString());
            assertEquals(Set.copyOf(bodies).size(), bodies.size(), "a message was delivered twice");
            assertTrue(bodies.contains("due while the disk is full"), bodies.toString());
            assertFalse(
                    app.queue().history(id).stream()
                            .anyMatch(t -> String.valueOf(t.detail()).contains("lease")),
                    "it waited for its lease to run out");
        } finally {
            root.detachAppender(all);
            root.setLevel(rootLevel);
        }
        // AND each failure put its stack trace in the log once, until it was over (one line says so)
        Map<String, List<ILoggingEvent>> byLogger =
                all.list.stream().collect(java.util.stream.Collectors.groupingBy(ILoggingEvent::getLoggerName));
        byLogger.forEach((logger, lines) -> {
            long traces =
                    lines.stream().filter(e -> e.getThrowableProxy() != null).count();
            long over = lines.stream()
                    .filter(e -> e.getFormattedMessage().contains(" works again"))
                    .count();
            assertTrue(
                    traces <= over + 1,
                    () -> logger + " logged " + traces + " stack traces for " + over + " recoveries: "
                            + lines.stream()
                                    .map(ILoggingEvent::getFormattedMessage)
                                    .toList());
        });
    }

    @Test
    void anInboxOnAFullDiskUsesUpNoAttemptsTheMessageWaitsAndArrivesOnceWhenThereIsRoom() throws Exception {
        // GIVEN the agents' workspaces on a small disk of their own (the queue has room), and only 2 attempts
        Path ws = dir.resolve("ws");
        mountSmallDisk(ws);
        try (App app = start("retry: {max_attempts: 2, base_delay_ms: 20, max_delay_ms: 200}\n")) {
            BlockingQueue<StatusEvent> events = new LinkedBlockingQueue<>();
            app.bus().subscribe(events::add);
            Reply before = app.commands().executeChat("msg Agent-1 before the disk filled up", ME);
            awaitDelivered(app, Set.copyOf(before.messageIds()));
            Path filler = ws.resolve("filler");
            fill(filler);

            // WHEN a message comes while the inbox's disk is full
            Reply during = app.commands().executeChat("msg Agent-1 sent while the inbox disk is full", ME);
            assertEquals(Reply.Status.OK, during.status(), during.text());
            String id = during.messageIds().get(0);

            // THEN it is tried again and again, each time saying why, and never goes dead for it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (events.stream()
                            .filter(e -> e.messageId().equals(id) && e.to() == MessageState.RETRY_WAIT)
                            .count()
                    < 3) {
                assertTrue(System.nanoTime() < deadline, "not tried again while the disk is full: " + events);
                Thread.sleep(20);
            }
            for (StatusEvent e : events) {
                if (e.messageId().equals(id)) {
                    assertNotEquals(MessageState.DEAD, e.to(), e.toString());
                    if (e.to() == MessageState.RETRY_WAIT) {
                        assertTrue(String.valueOf(e.detail()).contains("No space left on device"), e.toString());
                    }
                }
            }
            assertEquals(0, app.queue().find(id).orElseThrow().attempts(), "a full disk used up an attempt");

            // WHEN there is room again, THEN it arrives, once
            Files.delete(filler);
            awaitDelivered(app, Set.of(id));
            assertEquals(List.of("before the disk filled up", "sent while the inbox disk is full"), inboxBodies());
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
    }

    @Test
    void aReadOnlyDataFolderIsOneLineAndWritesWorkAgainAfterwards() throws Exception {
        mountSmallDataFolder();
        try (App app = start("")) {
            assertEquals(
                    Reply.Status.OK,
                    app.commands().executeChat("msg Agent-1 first", ME).status());
        }
        // Remounted read-only while nothing has it open, as after a file system error.
        assertEquals(0, exec("mount", "-o", "remount,ro", data.toString()));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String config = dir.resolve("switchboard.yaml").toString();
        int code = Main.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "--config",
                config,
                "send",
                "Agent-1",
                "while read-only");
        assertEquals(1, code, out.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("error: "), err.toString());

        assertEquals(0, exec("mount", "-o", "remount,rw", data.toString()));
        try (App app = start("")) {
            Reply again = app.commands().executeChat("msg Agent-1 writable again", ME);
            assertEquals(Reply.Status.OK, again.status(), again.text());
            awaitDelivered(app, Set.copyOf(again.messageIds()));
            assertEquals(List.of("first", "writable again"), inboxBodies());
            assertFalse(
                    app.queue().list(Set.of(), null, 100).stream()
                            .anyMatch(q -> q.message().body().equals("while read-only")),
                    "refused, yet stored");
        }
    }

    @Test
    void theQueueLockedByAnotherProcessIsRefusedAsNotStoredThenWorksWhenReleased() throws Exception {
        try (App app = start("")) {
            assertEquals(
                    Reply.Status.OK,
                    app.commands().executeChat("msg Agent-1 first", ME).status());
            Process sqlite = new ProcessBuilder(
                            "sqlite3", data.resolve("queue.db").toString())
                    .redirectErrorStream(true)
                    .start();
            try (PrintWriter in = new PrintWriter(sqlite.getOutputStream(), true, StandardCharsets.UTF_8);
                    BufferedReader out = new BufferedReader(
                            new InputStreamReader(sqlite.getInputStream(), StandardCharsets.UTF_8))) {
                in.println(".timeout 10000");
                in.println("BEGIN EXCLUSIVE; INSERT INTO paused_agents(agent, at, by) VALUES ('x', 0, 'lock');");
                in.println("SELECT 'holding the lock';");
                assertEquals("holding the lock", out.readLine());

                Reply refused = app.commands().executeChat("msg Agent-1 while locked", ME);
                assertEquals(Reply.Status.ERROR, refused.status(), refused.text());
                assertTrue(
                        refused.text().contains("nothing was stored")
                                && refused.text().contains("locked"),
                        refused.text());

                in.println("ROLLBACK;");
                in.println(".quit");
            }
            sqlite.waitFor(10, TimeUnit.SECONDS);
            Reply again = app.commands().executeChat("msg Agent-1 after the lock", ME);
            assertEquals(Reply.Status.OK, again.status(), again.text());
            awaitDelivered(app, Set.copyOf(again.messageIds()));
            assertEquals(List.of("first", "after the lock"), inboxBodies());
        }
    }

    @Test
    void anInboxReplacedByAFileIsRetriedAndDeliveredOnceWhenItIsAFolderAgain() throws Exception {
        try (App app = start("retry: {max_attempts: 1000, base_delay_ms: 20, max_delay_ms: 200}\n")) {
            BlockingQueue<StatusEvent> events = new LinkedBlockingQueue<>();
            app.bus().subscribe(events::add);
            Path inbox = dir.resolve("ws/Agent-1/inbox");
            Files.createDirectories(inbox.getParent());
            Files.writeString(inbox, "not a folder");

            Reply sent = app.commands().executeChat("msg Agent-1 waits for its inbox", ME);
            String id = sent.messageIds().get(0);
            StatusEvent failed;
            do {
                failed = events.poll(30, TimeUnit.SECONDS);
                assertTrue(failed != null, "no retry reported");
            } while (!(failed.messageId().equals(id) && failed.to() == MessageState.RETRY_WAIT));

            Files.delete(inbox);
            awaitDelivered(app, Set.of(id));
            assertEquals(List.of("waits for its inbox"), inboxBodies());
        }
    }

    @Test
    void aTruncatedQueueFileIsOneLineAndTheRestoredFileHasEverything() throws Exception {
        List<String> ids = new ArrayList<>();
        try (App app = start("")) {
            for (int i = 0; i < 40; i++) {
                ids.addAll(app.commands()
                        .executeChat("msg Agent-1 message " + i + " " + "y".repeat(1_000), ME)
                        .messageIds());
            }
        }
        Path db = data.resolve("queue.db");
        Path copy = dir.resolve("queue.db.copy");
        Files.copy(db, copy);
        byte[] all = Files.readAllBytes(db);
        Files.write(db, java.util.Arrays.copyOf(all, all.length / 3));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "--config",
                dir.resolve("switchboard.yaml").toString(),
                "queue",
                "list",
                "--all",
                "-n",
                "100");
        assertEquals(1, code, out.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("error: "), err.toString());

        Files.copy(copy, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        out.getBuffer().setLength(0);
        assertEquals(
                0,
                Main.execute(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "--config",
                        dir.resolve("switchboard.yaml").toString(),
                        "queue",
                        "list",
                        "--all",
                        "-n",
                        "100"));
        assertEquals(
                ids.size(),
                out.toString().lines().filter(l -> l.contains("message ")).count(),
                out.toString());
    }

    @Test
    void aCorruptPayloadRowGoesDeadAndItsNeighboursAndTheEventsGoOn() throws Exception {
        try (App app = start("")) {
            BlockingQueue<StatusEvent> events = new LinkedBlockingQueue<>();
            app.bus().subscribe(events::add);
            assertEquals(
                    Reply.Status.OK,
                    app.commands().executeChat("queue pause Agent-1", ME).status());
            List<String> ids = new ArrayList<>();
            for (String body : List.of("before", "garbled", "after")) {
                ids.addAll(app.commands().executeChat("msg Agent-1 " + body, ME).messageIds());
            }
            try (java.sql.Connection c =
                            java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
                    java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE payloads SET payload = '{\"id\": garbage' WHERE seq = (SELECT seq FROM"
                        + " messages WHERE id = '" + ids.get(1) + "')");
            }

            assertEquals(
                    Reply.Status.OK,
                    app.commands().executeChat("queue resume Agent-1", ME).status());

            awaitDelivered(app, Set.of(ids.get(0), ids.get(2)));
            assertEquals(List.of("before", "after"), inboxBodies());
            var dead = app.queue().find(ids.get(1)).orElseThrow();
            assertEquals(MessageState.DEAD, dead.state());
            assertEquals("stored message is not readable", dead.lastError());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean deadReported = false;
            while (!deadReported && System.nanoTime() < deadline) {
                StatusEvent e = events.poll(200, TimeUnit.MILLISECONDS);
                deadReported = e != null && e.messageId().equals(ids.get(1)) && e.to() == MessageState.DEAD;
            }
            assertTrue(deadReported, "the event pump did not report the dead message");
            Reply purged = app.commands().executeChat("queue purge-dead", ME);
            assertEquals(Reply.Status.OK, purged.status(), purged.text());
            assertTrue(app.queue().find(ids.get(1)).isEmpty());
        }
    }
}
