package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running service end to end: command → queue → worker → inbox file → processed/ → read. */
class AppServiceTest {
    @TempDir
    Path dir;

    private static final App.Tuning FAST = new App.Tuning(50, 50, 200, 100, 3, Duration.ofSeconds(1));

    private static StatusEvent next(BlockingQueue<StatusEvent> events, String id, MessageState state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            StatusEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.messageId().equals(id) && e.to() == state) {
                return e;
            }
        }
        throw new AssertionError("no " + state + " event for " + id);
    }

    @Test
    void messageIsDeliveredToTheInboxThenReadWhenMovedToProcessed() throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "web: {enabled: false}\nagents: [{id: Agent-1}, {id: Agent-2, aliases: [two]}]\n");
        try (App app = App.startService(ConfigLoader.load(config), Secrets.from(Map.of()), FAST)) {
            BlockingQueue<StatusEvent> events = new LinkedBlockingQueue<>();
            app.bus().subscribe(events::add);

            // GIVEN a running service WHEN an operator sends a multi-line message
            Reply r = app.commands()
                    .executeChat("msg two rebase onto main\nthen rerun the tests", Caller.local(Platform.CONSOLE));
            assertEquals(Reply.Status.OK, r.status(), r.text());
            String id = r.messageIds().get(0);

            // THEN it is reported queued, delivering, delivered (inbox, verified), in that order
            assertNotNull(next(events, id, MessageState.QUEUED));
            StatusEvent delivered = next(events, id, MessageState.DELIVERED);
            assertEquals("inbox", delivered.method());
            assertEquals(Boolean.TRUE, delivered.verified());
            Path inbox = dir.resolve("agent_workspaces/Agent-2/inbox");
            List<Path> files;
            try (Stream<Path> s = Files.list(inbox)) {
                files = s.filter(p -> p.toString().endsWith(".md")).toList();
            }
            assertEquals(1, files.size());
            String content = Files.readString(files.get(0));
            assertTrue(files.get(0).getFileName().toString().endsWith("_" + id + ".md"));
            assertTrue(content.endsWith("---\nrebase onto main\nthen rerun the tests"), content);
            assertTrue(content.contains("\nid: " + id + "\n") && content.contains("\nto: Agent-2\n"), content);

            // WHEN the agent moves the file to processed/ THEN the message becomes READ
            Files.move(
                    files.get(0),
                    inbox.resolve("processed").resolve(files.get(0).getFileName()));
            StatusEvent read = next(events, id, MessageState.READ);
            assertEquals("moved to processed/", read.detail());
        }
    }

    @Test
    void agentsAddedToTheConfigFileArePickedUpWhileRunning() throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "web: {enabled: false}\nagents: [{id: Agent-1}]\n");
        try (App app = App.startService(ConfigLoader.load(config), Secrets.from(Map.of()), FAST)) {
            BlockingQueue<StatusEvent> events = new LinkedBlockingQueue<>();
            app.bus().subscribe(events::add);
            Caller me = Caller.local(Platform.CONSOLE);
            assertEquals(
                    Reply.Status.ERROR,
                    app.commands().executeChat("msg Agent-9 hi", me).status());

            Files.writeString(
                    config, "web: {enabled: false}\nagents: [{id: Agent-1}, {id: Agent-9, aliases: [nine]}]\n");
            Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() + 2000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (app.agents().resolve("nine").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Reply r = app.commands().executeChat("msg nine hi", me);
            assertEquals(Reply.Status.OK, r.status(), r.text());
            next(events, r.messageIds().get(0), MessageState.DELIVERED);
            assertTrue(Files.isDirectory(dir.resolve("agent_workspaces/Agent-9/inbox")));
        }
    }

    @Test
    void aSecondServiceOnTheSameDataIsRefused() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirLock first = DataDirLock.tryAcquire(data).orElseThrow()) {
            assertTrue(DataDirLock.tryAcquire(data).isEmpty());
            assertTrue(DataDirLock.isHeld(data));
        }
        assertFalse(DataDirLock.isHeld(data), "released when the first service stops");
        try (DataDirLock again = DataDirLock.tryAcquire(data).orElseThrow()) {
            assertTrue(DataDirLock.isHeld(data), "the next service holds it");
            assertTrue(DataDirLock.tryAcquire(data).isEmpty(), "and refuses a third");
        }
    }

    @Test
    void anEditOfTheConfigKeepsTheCommandLinesLayout() throws Exception {
        // GIVEN a service started with --layout 2-agent over a file that says 8-agent
        Files.writeString(
                dir.resolve("coords.json"),
                "{\"8-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 1,"
                        + " \"y\": 2}}}, \"2-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 100, \"y\": 200}}}}");
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "web: {enabled: false}\ncoords_file: coords.json\nlayout: 8-agent\n");
        dev.switchboard.config.ConfigOverrides overrides = new dev.switchboard.config.ConfigOverrides("2-agent", null);
        try (App app = App.startService(overrides.load(config), overrides, Secrets.from(Map.of()), FAST)) {
            // WHEN the file is edited while it runs
            Files.writeString(
                    config,
                    "web: {enabled: false}\ncoords_file: coords.json\nlayout: 8-agent\nlimits: {max_text: 123}\n");
            Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (app.currentConfig().limits().maxText() != 123 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            // THEN the edit is in, and the clicks still go to the command line's layout
            assertEquals(123, app.currentConfig().limits().maxText());
            assertEquals("2-agent", app.currentConfig().layout());
            assertEquals(
                    100, app.currentConfig().agents().get(0).gui().inputBox().x());
        }
    }
}
