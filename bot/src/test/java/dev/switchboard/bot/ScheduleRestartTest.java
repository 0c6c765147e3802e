package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.lifecycle.Supervisor;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules across restarts, on the real service: set while {@code run} is down (as the CLI does), they fire once
 * when it starts — a recurring one missed for several periods too — and not again after the next restart.
 */
@Timeout(120)
class ScheduleRestartTest {
    private static final App.Tuning FAST = new App.Tuning(50, 50, 200, 100, 3, Duration.ofSeconds(1));
    private static final Caller ME = Caller.local(Platform.CONSOLE);

    @TempDir
    Path dir;

    @Test
    void schedulesSetBeforeARestartFireAfterItOnce() throws Exception {
        Path configFile = dir.resolve("switchboard.yaml");
        Files.writeString(configFile, "agents: [{id: Agent-1}, {id: Agent-2}]\n");
        SwitchboardConfig cfg = ConfigLoader.load(configFile);

        // GIVEN a service that ran and stopped, and schedules set with the CLI while it was down:
        try (App first = service(cfg)) {
            assertEquals(
                    Reply.Status.OK,
                    first.commands().executeChat("msg Agent-1 warm-up", ME).status());
        }
        Instant oneShotDue;
        String recurringId;
        String missedId;
        try (App cli = App.forCommands(cfg)) {
            Reply once = cli.commands().executeChat("msg Agent-1 --in 1s one-shot: rerun the tests", ME);
            assertEquals(Reply.Status.OK, once.status(), once.text());
            oneShotDue =
                    cli.queue().find(once.messageIds().get(0)).orElseThrow().nextAttempt();
            Reply every = cli.commands().executeChat("msg Agent-2 --every 1h --in 1s hourly: status please", ME);
            assertEquals(Reply.Status.OK, every.status(), every.text());
            recurringId = cli.queue().schedules().list("Agent-2").get(0).id();
            // one whose first time was three and a half hours ago: it missed three periods while run was down
            missedId = cli.queue()
                    .schedules()
                    .add(
                            message("Agent-1", "every 30m: commit your work"),
                            Duration.ofMinutes(30),
                            Instant.now().minus(Duration.ofMinutes(210)),
                            "test")
                    .id();
        }
        Await.until(
                Duration.ofSeconds(10),
                () -> Instant.now().isAfter(oneShotDue.plusMillis(50)),
                () -> "the clock to pass the schedules' time");

        // WHEN run starts again
        try (App second = service(cfg)) {
            // THEN each fires once: one file each, exact text
            Await.until(
                    Duration.ofSeconds(30),
                    () -> bodies("Agent-1").size() == 3 && bodies("Agent-2").size() == 1,
                    () -> "inboxes: " + bodies("Agent-1") + " / " + bodies("Agent-2"));
            assertEquals(
                    List.of("warm-up", "one-shot: rerun the tests", "every 30m: commit your work"), bodies("Agent-1"));
            assertEquals(List.of("hourly: status please"), bodies("Agent-2"));
            Schedule missed = second.queue().schedules().find(missedId).orElseThrow();
            assertEquals(1, missed.fired(), "a missed schedule fires once, not once per missed period");
            assertTrue(missed.nextAt().isAfter(Instant.now()), missed.toString());
            assertEquals(
                    1,
                    second.queue().schedules().find(recurringId).orElseThrow().fired());
            assertTrue(
                    second.services().stream().anyMatch(s -> s.name().equals("scheduler")),
                    second.services().toString());
        }

        // AND after another restart nothing fires again: the next message queued after it is the only new file
        try (App third = service(cfg)) {
            Reply marker = third.commands().executeChat("msg Agent-2 marker", ME);
            Await.until(
                    Duration.ofSeconds(30),
                    () -> bodies("Agent-2").contains("marker"),
                    () -> "inbox: " + bodies("Agent-2"));
            assertEquals(List.of("hourly: status please", "marker"), bodies("Agent-2"));
            assertEquals(3, bodies("Agent-1").size());
            assertEquals(
                    1, third.queue().schedules().find(missedId).orElseThrow().fired());
            assertEquals(Reply.Status.OK, marker.status());
        }
    }

    private static App service(SwitchboardConfig cfg) {
        return App.startService(cfg, Secrets.from(Map.of()), FAST, Supervisor.Timing.defaults(), n -> {});
    }

    private static UnifiedMessage message(String agent, String body) {
        String id = MessageIds.newId();
        return new UnifiedMessage(
                id,
                id,
                ME.sender(),
                Recipient.agent(agent),
                MessageType.TEXT,
                Priority.NORMAL,
                body,
                null,
                null,
                Origin.of(Platform.CONSOLE),
                Instant.now(),
                null);
    }

    /** Bodies of the agent's inbox files (and processed/), oldest first. */
    private List<String> bodies(String agent) {
        Path inbox = dir.resolve("agent_workspaces").resolve(agent).resolve("inbox");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(inbox)) {
            return out;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(f);
                out.add(text.substring(text.indexOf("\n---\n") + 5));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
