package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.GasConfig;
import dev.switchboard.config.OnboardingConfig;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.message.Platform;
import dev.switchboard.delivery.InboxFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Gas prompts and onboarding through the whole service: real status files, real queue, real inbox files. */
@Timeout(90)
class AutomationEndToEndTest {
    private static final App.Tuning FAST = new App.Tuning(20, 20, 100, 1_000, 3, Duration.ofSeconds(30));
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private SwitchboardConfig config(Path templates) {
        return new SwitchboardConfig(
                dir.resolve("data"),
                dir.resolve("ws"),
                null,
                null,
                List.of(
                        new AgentConfig("Agent-1", List.of(), List.of("frontend"), null, null, null, null),
                        AgentConfig.inboxOnly("Agent-2"),
                        AgentConfig.inboxOnly("Agent-3")),
                null,
                null,
                null,
                null,
                new dev.switchboard.config.WebConfig(false, null, null),
                null,
                new OnboardingConfig(templates),
                new GasConfig(true, 1, 0, null),
                null);
    }

    /** Inbox files (delivered, not yet processed) of a type, oldest first, as their bodies. */
    private List<String> inbox(String agent, String type) throws IOException {
        Path inbox = dir.resolve("ws").resolve(agent).resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(inbox)) {
            return s.filter(p -> p.toString().endsWith(".md"))
                    .sorted()
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .filter(t -> t.contains("\ntype: " + type + "\n"))
                    .map(InboxFormat::bodyOf)
                    .toList();
        }
    }

    private List<String> awaitInbox(String agent, String type, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> found = inbox(agent, type);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(agent + " has " + found + ", expected " + count + " " + type);
            }
            Thread.sleep(20);
        }
    }

    private void status(String agent, int progress, String task) throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws").resolve(agent));
        Path tmp = ws.resolve("status.json.tmp");
        Files.writeString(
                tmp,
                "{\"agent_id\": \"" + agent + "\", \"status\": \"working\", \"current_task\": \""
                        + task + "\", \"progress\": " + progress + ", \"last_updated\": \"2026-11-29T10:0"
                        + progress % 10
                        + ":00Z\"}");
        Files.move(tmp, ws.resolve("status.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void gasPromptsFireExactlyOncePerThresholdAcrossARestart() throws Exception {
        try (App app = App.startService(config(null), Secrets.from(Map.of()), FAST)) {
            status("Agent-2", 80, "fix the flaky test");
            assertTrue(awaitInbox("Agent-2", "GAS", 1).get(0).contains("keep going"));
            status("Agent-2", 92, "fix the flaky test");
            assertTrue(awaitInbox("Agent-2", "GAS", 2).get(1).contains("wrapping up"));
        }
        try (App app = App.startService(config(null), Secrets.from(Map.of()), FAST)) {
            // Agent-3 is read after Agent-2 in each pass: its prompt proves Agent-2's unchanged file was read again
            status("Agent-3", 76, "docs");
            awaitInbox("Agent-3", "GAS", 1);
            assertEquals(2, inbox("Agent-2", "GAS").size(), "nothing fired twice after the restart");

            Reply r = app.commands().executeChat("progress Agent-2 100", Caller.local(Platform.CLI));
            assertEquals(Reply.Status.OK, r.status(), r.text());
            List<String> prompts = awaitInbox("Agent-2", "GAS", 3);
            assertTrue(prompts.get(2).contains("\"fix the flaky test\" is done"), prompts.get(2));
            status("Agent-3", 77, "docs");
            app.commands().executeChat("progress Agent-3 78", Caller.local(Platform.CLI));
            status("Agent-1", 90, "ui");
            awaitInbox("Agent-1", "GAS", 1);
            assertEquals(3, inbox("Agent-2", "GAS").size());
            assertEquals(1, inbox("Agent-3", "GAS").size(), "77 and 78 % of the same task fire nothing new");
        }
    }

    @Test
    void onboardAllRendersEachAgentsTemplateIntoItsInbox() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("frontend.md"), "{{agent}}: you own the UI. Workspace {{workspace}}.");
        Files.writeString(templates.resolve("reviewer.md"), "{{agent}}: review every PR ({{role}}).");
        try (App app = App.startService(config(templates), Secrets.from(Map.of()), FAST)) {
            Reply all = app.commands().executeChat("onboard all", Caller.local(Platform.CONSOLE));
            assertEquals("onboarding 3 of 3 agents", all.title(), all.text());
            assertEquals(
                    "Agent-1: you own the UI. Workspace " + dir.resolve("ws/Agent-1") + ".",
                    awaitInbox("Agent-1", "ONBOARDING", 1).get(0));
            assertTrue(
                    awaitInbox("Agent-2", "ONBOARDING", 1).get(0).startsWith("You are Agent-2 (default)"),
                    "no template for Agent-2's role: the built-in default");
            awaitInbox("Agent-3", "ONBOARDING", 1);

            app.commands().executeChat("onboard Agent-3 --role reviewer", Caller.local(Platform.CONSOLE));
            assertEquals(
                    "Agent-3: review every PR (reviewer).",
                    awaitInbox("Agent-3", "ONBOARDING", 2).get(1));
        }
    }
}
