package dev.switchboard.bot.discord.e2e;

import static dev.switchboard.bot.discord.e2e.DiscordHarness.ALICE;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.CAROL;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.WAIT;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.replyTo;
import static dev.switchboard.bot.discord.fake.FakeDiscord.option;
import static dev.switchboard.bot.discord.fake.FakeDiscord.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.RestCall;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.GuiConfig;
import dev.switchboard.config.Limits;
import dev.switchboard.testkit.gui.TargetProcess;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /peek} and {@code !peek} through the real JDA against the fake Discord: files arrive as attachments. */
@Timeout(90)
class DiscordPeekEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void slashPeekAtAGuiAgentPostsItsWindowAsAPngAttachment() throws Exception {
        String display = System.getenv("DISPLAY");
        assumeTrue(
                display != null && !display.isBlank() && !GraphicsEnvironment.isHeadless(),
                "needs an X display: run under xvfb-run (./switchboard test does)");
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 500, 500, "enter")) {
            AgentConfig gui = new AgentConfig(
                    "Agent-1",
                    List.of("a1"),
                    List.of(),
                    List.of(DeliveryMethod.GUI, DeliveryMethod.INBOX),
                    null,
                    new GuiConfig(target.inputBox(), null, "enter"),
                    null);
            try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of(), List.of(gui))) {
                long peek = h.discord.slashCommand(CAROL.id(), "peek", options(option("agent", "a1", false)));
                RestCall answer = h.discord.await(
                        edit(peek).and(c -> c.body().path("_files").size() > 0), WAIT, "/peek answer with a file");
                JsonNode file = answer.body().path("_files").get(0);
                assertEquals("Agent-1.png", file.path("filename").asText());
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                        Base64.getDecoder().decode(file.path("base64").asText())));
                assertEquals(900, png.getWidth());
                assertEquals(560, png.getHeight());
                assertTrue(
                        answer.body().toString().contains("Agent-1 · screen around its input box"),
                        answer.body().toString());
            }
        }
    }

    @Test
    void chatPeekAtAnInboxAgentShowsItsNewestFilesAndIsForAdminsOnly() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            Path inbox = Files.createDirectories(h.inbox("Agent-3"));
            Files.writeString(inbox.resolve("20261129T100000Z_x.md"), "please rebase");
            Path outbox =
                    Files.createDirectories(inbox.getParent().resolve("outbox").resolve("sent"));
            Files.writeString(outbox.resolve("long-answer.md"), "line of the answer\n".repeat(200));

            long denied = h.discord.postMessage(FakeDiscord.CHANNEL_ID, ALICE.id(), "!peek Agent-3");
            String no = h.discord
                    .await(replyTo(denied), WAIT, "denial")
                    .body()
                    .path("content")
                    .asText();
            assertTrue(no.contains("you are not allowed to run 'peek' (needs admin)"), no);

            long asked = h.discord.postMessage(FakeDiscord.CHANNEL_ID, CAROL.id(), "!peek Agent-3");
            JsonNode reply =
                    h.discord.await(replyTo(asked), WAIT, "peek answer").body();
            JsonNode embed = reply.path("embeds").get(0);
            assertEquals(
                    "Agent-3 · newest inbox and outbox files",
                    embed.path("title").asText());
            assertTrue(embed.path("description").asText().contains("```\nplease rebase\n```"), embed.toString());
            // the long answer does not fit a message: it is uploaded as a file
            JsonNode files = reply.path("_files");
            assertEquals(1, files.size(), reply.toString());
            assertEquals("Agent-3-outbox.md", files.get(0).path("filename").asText());
            assertTrue(new String(Base64.getDecoder()
                            .decode(files.get(0).path("base64").asText()))
                    .startsWith("line of the answer\n"));
        }
    }

    private static Predicate<RestCall> edit(long interactionId) {
        return c -> c.is(
                "PATCH",
                "webhooks/" + FakeDiscord.APP_ID + "/interaction-token-" + interactionId + "/messages/@original");
    }
}
