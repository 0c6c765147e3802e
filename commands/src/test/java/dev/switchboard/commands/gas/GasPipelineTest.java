package dev.switchboard.commands.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Reply;
import dev.switchboard.commands.Rig;
import dev.switchboard.commands.answers.AgentAnswer;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GasPipelineTest {
    @TempDir
    Path dir;

    private static List<String> gasTo(Rig rig, String agent) {
        List<QueuedMessage> all = new ArrayList<>(rig.queue.list(List.of(), agent, 100));
        java.util.Collections.reverse(all); // oldest first
        return all.stream()
                .filter(q -> q.message().type() == MessageType.GAS)
                .map(q -> q.message().body())
                .toList();
    }

    @Test
    void eachThresholdIsPromptedOncePerTaskAlsoAfterARestart() {
        try (Rig rig = new Rig(dir)) {
            rig.gas.observe("Agent-2", new StatusReport("Agent-2", "working", "tests", 50, "t1"));
            assertEquals(List.of(), gasTo(rig, "Agent-2"));
            rig.gas.observe("Agent-2", new StatusReport("Agent-2", "working", "tests", 80, "t2"));
            rig.gas.observe("Agent-2", new StatusReport("Agent-2", "working", "tests", 80, "t2"));
            rig.gas.observe("Agent-2", new StatusReport("Agent-2", "working", "tests", 85, "t3"));
            assertEquals(1, gasTo(rig, "Agent-2").size(), "75 % once");
            assertTrue(
                    gasTo(rig, "Agent-2").get(0).contains("keep going"),
                    gasTo(rig, "Agent-2").toString());
            rig.gas.observe("Agent-2", new StatusReport("Agent-2", "working", "tests", 95, "t4"));
            assertTrue(
                    gasTo(rig, "Agent-2").get(1).contains("wrapping up"),
                    gasTo(rig, "Agent-2").toString());
        }
        try (Rig rig = new Rig(dir)) {
            // after a restart the same progress is no news, and 100 % fires its own prompt once
            rig.gas.observe("Agent-2", new StatusReport("Agent-2", "working", "tests", 95, "t5"));
            assertEquals(2, gasTo(rig, "Agent-2").size());
            Reply r = rig.commands.executeChat("progress Agent-2 100", Rig.caller("me", Role.ADMIN, Platform.CLI));
            assertEquals(Reply.Status.OK, r.status(), r.text());
            rig.commands.executeChat("progress Agent-2 100", Rig.caller("me", Role.ADMIN, Platform.CLI));
            List<String> prompts = gasTo(rig, "Agent-2");
            assertEquals(3, prompts.size(), prompts.toString());
            assertTrue(prompts.get(2).contains("\"tests\" is done"), prompts.get(2));

            // a new task starts over; jumping straight to 100 % sends only the report prompt
            rig.commands.executeChat("progress Agent-2 100 write the docs", Rig.caller("me", Role.ADMIN, Platform.CLI));
            prompts = gasTo(rig, "Agent-2");
            assertEquals(4, prompts.size(), prompts.toString());
            assertTrue(prompts.get(3).contains("\"write the docs\" is done"), prompts.get(3));

            // every prompt is announced for the status channel
            List<Answer> notices = rig.answers.waiting(EnumSet.of(Destination.STATUS), 100);
            assertEquals(
                    4,
                    notices.stream()
                            .filter(a -> a.body().startsWith("⛽ gas → Agent-2"))
                            .count(),
                    notices.toString());
        }
    }

    @Test
    void aSilentAgentIsPromptedOncePerSilentPeriodAndAnAnswerCountsAsLife() {
        try (Rig rig = new Rig(dir)) {
            assertEquals(List.of(), rig.gas.checkSilence(), "never-seen agents are not prompted");
            rig.gas.observe("Agent-3", new StatusReport("Agent-3", "working", "refactor", 10, "a"));
            rig.clock.advance(Duration.ofMinutes(29));
            assertEquals(List.of(), rig.gas.checkSilence());
            rig.clock.advance(Duration.ofMinutes(2));
            assertEquals(List.of("Agent-3"), rig.gas.checkSilence());
            assertEquals(List.of(), rig.gas.checkSilence(), "once per silent period");
            assertTrue(
                    gasTo(rig, "Agent-3").get(0).contains("nothing from you for 31 minutes"),
                    gasTo(rig, "Agent-3").toString());

            rig.clock.advance(Duration.ofMinutes(20));
            rig.intake.take(new AgentAnswer("Agent-3", null, null, "still on it", "t"));
            rig.clock.advance(Duration.ofMinutes(20));
            assertEquals(List.of(), rig.gas.checkSilence(), "the answer 20 minutes ago was a sign of life");
            rig.clock.advance(Duration.ofMinutes(11));
            assertEquals(List.of("Agent-3"), rig.gas.checkSilence());
        }
    }

    @Test
    void gasByHandSendsAndAnnouncesOne() {
        try (Rig rig = new Rig(dir)) {
            Reply r = rig.commands.executeChat(
                    "gas a1 you have got this", Rig.caller("op", Role.OPERATOR, Platform.DISCORD));
            assertEquals(Reply.Status.OK, r.status(), r.text());
            assertEquals(List.of("you have got this"), gasTo(rig, "Agent-1"));
            assertEquals(1, r.messageIds().size());
            Reply viewer = rig.commands.executeChat("gas a1 x", Rig.caller("v", Role.VIEWER, Platform.TWITCH));
            assertEquals(Reply.Status.DENIED, viewer.status());
        }
    }

    @Test
    void aMalformedStatusFileIsReportedOnceAndTheWatcherGoesOn() throws Exception {
        try (Rig rig = new Rig(dir)) {
            List<String> reports = new ArrayList<>();
            StatusWatcher watcher = new StatusWatcher(
                    rig.agents::all, a -> rig.workspace(a.id()), rig.gas, (agent, line) -> reports.add(line), 0);
            Files.createDirectories(rig.workspace("Agent-1"));
            Files.createDirectories(rig.workspace("Agent-2"));
            Files.writeString(rig.workspace("Agent-1").resolve("status.json"), "{\"progress\": \"lots\"");
            Files.writeString(
                    rig.workspace("Agent-2").resolve("status.json"),
                    "{\"agent_id\":\"Agent-2\",\"status\":\"working\",\"current_task\":\"t\",\"progress\":76,"
                            + "\"last_updated\":\"2026-11-29T09:00:00Z\",\"extra\":[1,2]}");
            assertEquals(1, watcher.scanOnce());
            assertEquals(0, watcher.scanOnce());
            assertEquals(1, reports.size(), reports.toString());
            assertTrue(
                    reports.get(0).startsWith("Agent-1's status.json is not usable: not valid JSON"), reports.get(0));
            assertEquals(1, gasTo(rig, "Agent-2").size(), "Agent-2 was prompted despite Agent-1's file");

            Files.writeString(
                    rig.workspace("Agent-1").resolve("status.json"),
                    "{\"agent_id\":\"Agent-1\"," + "\"progress\":91,\"current_task\":\"x\"}");
            assertEquals(1, watcher.scanOnce());
            assertEquals(1, gasTo(rig, "Agent-1").size());
        }
    }
}
