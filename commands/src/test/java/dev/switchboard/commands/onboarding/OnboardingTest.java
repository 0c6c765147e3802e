package dev.switchboard.commands.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Reply;
import dev.switchboard.commands.Rig;
import dev.switchboard.config.OnboardingConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnboardingTest {
    @TempDir
    Path dir;

    private static void useTemplates(Rig rig, Path folder) {
        SwitchboardConfig c = rig.config.get();
        rig.config.set(new SwitchboardConfig(
                c.dataDir(),
                c.workspaces(),
                c.coordsFile(),
                c.layout(),
                c.agents(),
                c.limits(),
                c.retry(),
                c.discord(),
                c.twitch(),
                c.web(),
                c.broker(),
                new OnboardingConfig(folder),
                c.gas(),
                c.source()));
    }

    @Test
    void theBuiltInDefaultFillsEveryVariable() {
        try (Rig rig = new Rig(dir)) {
            OnboardingTemplates.Rendered r = new OnboardingTemplates(null)
                    .render(rig.agents.all().get(0), null, rig.workspace("Agent-1"), LocalDate.of(2026, 11, 29));
            assertEquals("default", r.role());
            assertTrue(r.text().startsWith("You are Agent-1 (default), one agent"), r.text());
            assertTrue(
                    r.text().contains("Today is 2026-11-29")
                            && r.text().contains(", tags: ui")
                            && r.text().contains(rig.workspace("Agent-1") + "/outbox/"),
                    r.text());
            assertTrue(!r.text().contains("{{"), r.text());
        }
    }

    @Test
    void onboardAllRendersEachAgentsRoleTemplateAndReportsEach() throws Exception {
        try (Rig rig = new Rig(dir)) {
            Path templates = Files.createDirectories(dir.resolve("templates"));
            Files.writeString(templates.resolve("ui.md"), "{{agent}} does the UI ({{role}}; {{tags}}) from {{date}}");
            Files.writeString(templates.resolve("default.md"), "Hello {{ agent }} in {{workspace}}");
            Files.writeString(templates.resolve("reviewer.md"), "Review, {{agent}}. {{nope}}");
            useTemplates(rig, templates);

            Reply r = rig.commands.executeChat("onboard all", Rig.caller("me", Role.ADMIN, Platform.CONSOLE));
            assertEquals(Reply.Status.OK, r.status(), r.text());
            assertEquals("onboarding 3 of 3 agents", r.title());
            assertEquals(3, r.messageIds().size());
            assertTrue(
                    r.lines().get(0).endsWith("→ Agent-1 (ui)")
                            && r.lines().get(1).endsWith("→ Agent-2 (default)"),
                    r.lines().toString());
            QueuedMessage one = rig.queue.find(r.messageIds().get(0)).orElseThrow();
            assertEquals(MessageType.ONBOARDING, one.message().type());
            assertTrue(
                    one.message().body().startsWith("Agent-1 does the UI (ui; ui) from 20"),
                    one.message().body());
            assertEquals(
                    "Hello Agent-3 in " + rig.workspace("Agent-3"),
                    rig.queue
                            .find(r.messageIds().get(2))
                            .orElseThrow()
                            .message()
                            .body());

            Reply broken = rig.commands.executeChat(
                    "onboard Agent-2 --role reviewer", Rig.caller("me", Role.ADMIN, Platform.CONSOLE));
            assertEquals(Reply.Status.ERROR, broken.status());
            assertTrue(broken.title().contains("unknown variable {{nope}}"), broken.title());
            Reply sneaky = rig.commands.executeChat(
                    "onboard Agent-2 --role ../../etc/passwd", Rig.caller("me", Role.ADMIN, Platform.CONSOLE));
            assertEquals(Reply.Status.ERROR, sneaky.status(), sneaky.text());
            assertEquals(3, rig.queue.list(List.of(), null, 100).size(), "refusals queued nothing");
        }
    }
}
