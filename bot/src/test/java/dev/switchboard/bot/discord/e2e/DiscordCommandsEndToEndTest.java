package dev.switchboard.bot.discord.e2e;

import static dev.switchboard.bot.discord.e2e.DiscordHarness.ALICE;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.BOB;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.CAROL;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.WAIT;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.reaction;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.replyTo;
import static dev.switchboard.bot.discord.fake.FakeDiscord.option;
import static dev.switchboard.bot.discord.fake.FakeDiscord.options;
import static dev.switchboard.bot.discord.fake.FakeDiscord.subcommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bot.discord.StatusEmoji;
import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.RestCall;
import dev.switchboard.config.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failures, system events, limits and the informational and admin commands, end to end. */
@Timeout(60)
class DiscordCommandsEndToEndTest {
    private static final long CHANNEL = FakeDiscord.CHANNEL_ID;

    @TempDir
    Path dir;

    @Test
    void deadMessageGetsACrossAReplySayingWhyAndADeadLetterInTheStatusChannel() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            // Agent-5's inbox cannot be created: a file is where its folder should be
            Path inbox = h.inbox("Agent-5");
            Files.createDirectories(inbox.getParent());
            if (Files.isDirectory(inbox)) {
                try (var s = Files.walk(inbox)) {
                    s.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.writeString(inbox, "not a folder");

            long msg = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agent-5 are you there?");

            h.discord.await(reaction("PUT", msg, StatusEmoji.FAILED), WAIT, "❌");
            String why = h.discord
                    .await(replyTo(msg), WAIT, "reply saying why")
                    .body()
                    .path("content")
                    .asText();
            assertTrue(why.startsWith("❌ #") && why.contains("to Agent-5: dead"), why);
            String post = h.discord
                    .await(statusPost("dead letter"), WAIT, "dead letter post")
                    .body()
                    .path("content")
                    .asText();
            assertTrue(post.contains("Agent-5") && post.contains("discord:1001 (alice)"), post);
        }
    }

    @Test
    void pausedAgentIsAnnouncedAndItsMessageWaitsUntilResumed() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            long pause = h.discord.postMessage(CHANNEL, CAROL.id(), "!queue pause Agent-6");
            h.discord.await(replyTo(pause), WAIT, "pause answer");
            h.discord.await(statusPost("Agent-6 is paused"), WAIT, "paused announcement");

            long msg = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agent-6 when you are back");
            h.discord.await(reaction("PUT", msg, StatusEmoji.QUEUED), WAIT, "📥");
            String note = h.discord
                    .await(replyTo(msg), WAIT, "paused note")
                    .body()
                    .path("content")
                    .asText();
            assertTrue(note.contains("paused: Agent-6"), note);
            assertEquals(List.of(), h.inboxFiles("Agent-6"));

            java.time.Instant resumed = java.time.Instant.now();
            h.discord.postMessage(CHANNEL, CAROL.id(), "!queue resume Agent-6");
            h.discord.await(reaction("PUT", msg, StatusEmoji.DELIVERED), WAIT, "✅ after resume");
            // Delivery started only after the resume (a paused agent's worker never took it)
            var queued = h.app.queue().list(List.of(), "Agent-6", 10);
            assertEquals(1, queued.size());
            var delivering = h.app.queue().history(queued.get(0).id()).stream()
                    .filter(t -> t.to() == dev.switchboard.core.message.MessageState.DELIVERING)
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    !delivering.at().isBefore(resumed.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)),
                    "delivering at " + delivering.at() + ", resumed at " + resumed);
            h.discord.await(statusPost("Agent-6 is resumed"), WAIT, "resumed announcement");
        }
    }

    @Test
    void rateLimitedMemberGetsOneClearReplyThenOnlyCrosses() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, new Limits(null, 2, 60), List.of())) {
            long[] msgs = new long[4];
            for (int i = 0; i < 4; i++) {
                msgs[i] = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agent-1 number " + i);
            }
            h.discord.await(reaction("PUT", msgs[1], StatusEmoji.DELIVERED), WAIT, "second delivered");
            h.discord.await(reaction("PUT", msgs[3], StatusEmoji.FAILED), WAIT, "fourth refused");
            String reply = h.discord
                    .await(replyTo(msgs[2]), WAIT, "rate limit reply")
                    .body()
                    .path("content")
                    .asText();
            assertTrue(reply.contains("slow down"), reply);
            h.discord.await(reaction("PUT", msgs[2], StatusEmoji.FAILED), WAIT, "third refused");
            assertFalse(h.discord.calls().stream().anyMatch(replyTo(msgs[3])), "no second reply within the window");
            assertEquals(2, h.awaitInboxFiles("Agent-1", 2).size());
        }
    }

    @Test
    void agentsIsAnEmbedHelpListsOnlyWhatTheMemberMayRunAdminCommandsAreCheckedAgain() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            List<JsonNode> registered = h.discord.registeredCommands();
            assertTrue(permissionsOf(registered, "queue").equals("8"), "queue hidden from non-admins");
            assertTrue(permissionsOf(registered, "onboard").equals("8"));
            assertTrue(permissionsOf(registered, "msg").isEmpty(), "msg visible to all");

            long agents = h.discord.slashCommand(BOB.id(), "agents", options());
            JsonNode embed = h.discord
                    .await(edit(agents), WAIT, "/agents answer")
                    .body()
                    .path("embeds")
                    .get(0);
            assertEquals("8 agents", embed.path("title").asText());
            assertTrue(
                    embed.path("description").asText().contains("Agent-8 · inbox · 0 pending · last delivery never"),
                    embed.toString());

            long help = h.discord.slashCommand(BOB.id(), "help", options());
            assertEquals(
                    64,
                    h.discord
                            .await(callback(help), WAIT, "deferred help")
                            .body()
                            .path("data")
                            .path("flags")
                            .asInt(),
                    "help is for the member's eyes only");
            String viewerHelp =
                    h.discord.await(edit(help), WAIT, "help answer").body().toString();
            assertTrue(viewerHelp.contains("as viewer") && viewerHelp.contains("agents"), viewerHelp);
            assertFalse(viewerHelp.contains("broadcast"), "a viewer is not shown what they cannot run");

            long chatHelp = h.discord.postMessage(CHANNEL, CAROL.id(), "!help");
            String adminHelp = h.discord
                    .await(replyTo(chatHelp), WAIT, "!help answer")
                    .body()
                    .toString();
            assertTrue(adminHelp.contains("as admin") && adminHelp.contains("queue"), adminHelp);

            long sneaky = h.discord.slashCommand(
                    ALICE.id(), "queue", options(subcommand("pause", option("agent", "Agent-1", false))));
            String denied = h.discord
                    .await(edit(sneaky), WAIT, "denied /queue pause")
                    .body()
                    .path("content")
                    .asText();
            assertTrue(denied.startsWith("⛔"), denied);
            assertFalse(h.app.queue().isPaused("Agent-1"));
        }
    }

    @Test
    void slashBroadcastFollowsEveryCopyAndOnboardQueuesTheOnboardingText() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            long broadcast = h.discord.slashCommand(
                    ALICE.id(), "broadcast", options(option("text", "stand-up in 5 minutes", false)));

            RestCall done = h.discord.await(
                    c -> edit(broadcast).test(c)
                            && c.body()
                                            .path("embeds")
                                            .path(0)
                                            .path("description")
                                            .asText()
                                            .split("delivered \\(inbox, verified\\)", -1)
                                            .length
                                    == 9,
                    WAIT,
                    "an edit showing all 8 copies delivered");
            assertEquals(
                    8,
                    done.body()
                            .path("embeds")
                            .get(0)
                            .path("description")
                            .asText()
                            .lines()
                            .count(),
                    "one line per copy: " + done.body());
            for (int a = 1; a <= 8; a++) {
                assertEquals(
                        "stand-up in 5 minutes",
                        DiscordHarness.bodyOf(h.awaitInboxFiles("Agent-" + a, 1).get(0)));
            }

            long onboard = h.discord.slashCommand(CAROL.id(), "onboard", options(option("agent", "Agent-7", false)));
            h.discord.await(
                    c -> edit(onboard).test(c) && c.body().toString().contains("delivered"),
                    WAIT,
                    "onboarding delivered");
            List<Path> files = h.awaitInboxFiles("Agent-7", 2);
            String onboarding = Files.readString(files.get(1));
            assertTrue(onboarding.contains("type: ONBOARDING"), onboarding);
        }
    }

    @Test
    void agentsAnswersFromTheirOutboxAppearInTheStatusChannel() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            Path outbox = Files.createDirectories(h.dir.resolve("agent_workspaces/Agent-2/outbox"));
            Path answer = outbox.resolve("20261123T160000Z_answer.md");
            Files.writeString(answer, "Rebased onto main; 412 tests pass. @everyone");
            Files.setLastModifiedTime(
                    answer,
                    java.nio.file.attribute.FileTime.from(
                            java.time.Instant.now().minusSeconds(5)));

            RestCall post = h.discord.await(statusPost("412 tests pass"), WAIT, "answer in the status channel");
            assertEquals(
                    "💬 **Agent-2** answered:\nRebased onto main; 412 tests pass. @everyone",
                    post.body().path("content").asText());
            assertTrue(post.body().path("allowed_mentions").path("parse").isEmpty(), "@everyone pings nobody");
            // The file is moved once the answer is stored; the post may come first.
            dev.switchboard.core.Await.until(
                    WAIT,
                    () -> Files.exists(outbox.resolve("sent").resolve(answer.getFileName())),
                    () -> "moved to outbox/sent/");
        }
    }

    @Test
    void anOutboxAnswerWithReplyToIsARepliedToTheQuestionAndTheQuestionBecomesRead() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            long question = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agent-3 how many tests fail?");
            h.discord.await(reaction("PUT", question, StatusEmoji.DELIVERED), WAIT, "✅ delivered");
            String name = h.awaitInboxFiles("Agent-3", 1).get(0).getFileName().toString();
            String id = name.substring(name.indexOf('_') + 1, name.length() - 3);

            Path outbox = Files.createDirectories(h.dir.resolve("agent_workspaces/Agent-3/outbox"));
            Path answer = outbox.resolve("20261123T160000Z_answer.md");
            Files.writeString(answer, "---\nreply_to: " + id + "\n---\nNone: 412 pass.");
            Files.setLastModifiedTime(
                    answer,
                    java.nio.file.attribute.FileTime.from(
                            java.time.Instant.now().minusSeconds(5)));

            RestCall reply = h.discord.await(
                    c -> replyTo(question).test(c)
                            && c.body().path("content").asText().contains("412 pass"),
                    WAIT,
                    "the answer as a reply");
            assertEquals(
                    "💬 **Agent-3** answered:\nNone: 412 pass.",
                    reply.body().path("content").asText());
            h.discord.await(reaction("PUT", question, StatusEmoji.READ), WAIT, "👀: the question is read");
            assertEquals(
                    dev.switchboard.core.message.MessageState.READ,
                    h.app.queue().find(id).orElseThrow().state());
            assertFalse(
                    h.discord.calls().stream().anyMatch(statusPost("412 pass")),
                    "an answer to a question goes to the question, not the status channel");
        }
    }

    private static String permissionsOf(List<JsonNode> commands, String name) {
        return commands.stream()
                .filter(c -> c.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .path("default_member_permissions")
                .asText("");
    }

    private static Predicate<RestCall> statusPost(String containing) {
        return c -> c.is("POST", "channels/" + FakeDiscord.STATUS_CHANNEL_ID + "/messages")
                && c.body().path("content").asText().contains(containing);
    }

    private static Predicate<RestCall> callback(long interactionId) {
        return c -> c.is("POST", "interactions/" + interactionId + "/[^/]+/callback");
    }

    private static Predicate<RestCall> edit(long interactionId) {
        return c -> c.is(
                "PATCH",
                "webhooks/" + FakeDiscord.APP_ID + "/interaction-token-" + interactionId + "/messages/@original");
    }
}
