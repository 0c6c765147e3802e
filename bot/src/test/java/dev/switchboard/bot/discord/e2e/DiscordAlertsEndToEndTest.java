package dev.switchboard.bot.discord.e2e;

import static dev.switchboard.bot.discord.e2e.DiscordHarness.ALICE;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.RestCall;
import dev.switchboard.commands.alerts.AlertEvent;
import dev.switchboard.config.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An alert raised by the running service reaches the Discord status channel once. */
@Timeout(60)
class DiscordAlertsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void deadLetterAlertIsPostedToTheStatusChannelOnce() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            // GIVEN Agent-5's inbox cannot be written (a file where its folder should be)
            Path inbox = h.inbox("Agent-5");
            Files.createDirectories(inbox.getParent());
            Files.deleteIfExists(inbox);
            Files.writeString(inbox, "not a folder");

            // WHEN a message to it goes dead (the default rule: 1 dead letter in 10 minutes)
            h.discord.postMessage(FakeDiscord.CHANNEL_ID, ALICE.id(), "!msg Agent-5 are you there?");
            h.discord.await(statusPost("dead letter #"), WAIT, "dead letter post");

            // THEN the next check fires the alert, and the status channel shows it; later checks say nothing new
            List<AlertEvent> fired = h.app.alerts().evaluate();
            assertEquals(1, fired.size(), fired.toString());
            RestCall post =
                    h.discord.await(statusPost("🚨 alert: 1 dead letter in the last 10 min"), WAIT, "alert post");
            assertTrue(post.body().path("allowed_mentions").path("parse").isEmpty(), "an alert pings nobody");
            assertEquals(List.of(), h.app.alerts().evaluate());
            assertEquals(1, h.app.alerts().active().size());
            assertEquals(
                    1,
                    h.discord.calls().stream().filter(statusPost("🚨 alert:")).count());
        }
    }

    private static Predicate<RestCall> statusPost(String containing) {
        return c -> c.is("POST", "channels/" + FakeDiscord.STATUS_CHANNEL_ID + "/messages")
                && c.body().path("content").asText().contains(containing);
    }
}
