package dev.switchboard.bot.discord.e2e;

import static dev.switchboard.bot.discord.e2e.DiscordHarness.ALICE;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.BOB;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.TOKEN;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.WAIT;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.bodyOf;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.reaction;
import static dev.switchboard.bot.discord.e2e.DiscordHarness.replyTo;
import static dev.switchboard.bot.discord.fake.FakeDiscord.option;
import static dev.switchboard.bot.discord.fake.FakeDiscord.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bot.discord.StatusEmoji;
import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.FakeMember;
import dev.switchboard.bot.discord.fake.RestCall;
import dev.switchboard.config.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end cases: the real JDA client against the local fake Discord, a real on-disk queue and
 * real inbox delivery. Each test gets its own data directory.
 */
@Timeout(60)
class DiscordEndToEndTest {
    private static final long CHANNEL = FakeDiscord.CHANNEL_ID;

    @TempDir
    Path dir;

    @Test
    void authorizedMessageIsDeliveredExactlyAndReactionsFollowItsStates() throws Exception {
        String text = "rerun the failing tests\n```java\nassertEquals(1, x);  // keep   spacing\n```\n\t- then report";
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            long msg = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agent-2 " + text);

            Path file = h.awaitInboxFiles("Agent-2", 1).get(0);
            assertEquals(text, bodyOf(file), "multi-line text and code block reach the agent unchanged");
            RestCall queued = h.discord.await(reaction("PUT", msg, StatusEmoji.QUEUED), WAIT, "📥");
            RestCall delivered = h.discord.await(reaction("PUT", msg, StatusEmoji.DELIVERED), WAIT, "✅");
            assertTrue(queued.seq() < delivered.seq(), "📥 before ✅");
            RestCall unqueued = h.discord.await(reaction("DELETE", msg, StatusEmoji.QUEUED), WAIT, "📥 removed");
            assertTrue(unqueued.seq() > delivered.seq(), "replaced, not removed first");

            Path processed = h.inbox("Agent-2").resolve("processed");
            Files.createDirectories(processed);
            Files.move(file, processed.resolve(file.getFileName()));
            RestCall read = h.discord.await(reaction("PUT", msg, StatusEmoji.READ), WAIT, "👀");
            assertTrue(read.seq() > delivered.seq());
            h.discord.await(reaction("DELETE", msg, StatusEmoji.DELIVERED), WAIT, "✅ removed");

            assertFalse(h.discord.calls().stream().anyMatch(replyTo(msg)), "a delivered message needs no reply");
            assertTrue(h.logLines().stream().noneMatch(l -> l.contains(TOKEN)), "the token is never logged");
        }
    }

    @Test
    void unauthorizedMemberIsDeniedAndNothingIsQueued() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            long msg = h.discord.postMessage(CHANNEL, BOB.id(), "!msg Agent-2 delete everything");

            RestCall reply = h.discord.await(replyTo(msg), WAIT, "denial reply");
            String content = reply.body().path("content").asText();
            assertTrue(content.startsWith("⛔"), content);
            assertTrue(content.length() < 200, "short denial: " + content);
            h.discord.await(reaction("PUT", msg, StatusEmoji.FAILED), WAIT, "❌");
            assertEquals(List.of(), h.inboxFiles("Agent-2"));
            assertEquals(
                    0,
                    h.app.queue().stats().byState().values().stream()
                            .mapToLong(Long::longValue)
                            .sum(),
                    "nothing queued");
            assertTrue(reply.body().path("allowed_mentions").path("parse").isEmpty(), "replies ping nobody");

            long typo = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agnet-2 hi");
            String suggestion = h.discord
                    .await(replyTo(typo), WAIT, "unknown agent reply")
                    .body()
                    .path("content")
                    .asText();
            assertTrue(suggestion.startsWith("❌") && suggestion.contains("did you mean Agent-2"), suggestion);
        }
    }

    @Test
    void slashMsgAutocompletesAgentsAndItsDeferredReplyIsEditedToTheFinalState() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            JsonNode registered = h.discord.registeredCommands().stream()
                    .filter(c -> c.path("name").asText().equals("msg"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(registered.path("options").get(0).path("autocomplete").asBoolean());

            long auto = h.discord.autocomplete(ALICE.id(), "msg", options(option("agent", "agent-", true)));
            RestCall choices = h.discord.await(callback(auto), WAIT, "autocomplete answer");
            assertEquals(8, choices.body().path("type").asInt(), "autocomplete result");
            List<String> names = StreamSupport.stream(
                            choices.body().path("data").path("choices").spliterator(), false)
                    .map(c -> c.path("name").asText())
                    .toList();
            assertEquals(
                    List.of("Agent-1", "Agent-2", "Agent-3", "Agent-4", "Agent-5", "Agent-6", "Agent-7", "Agent-8"),
                    names);

            long slash = h.discord.slashCommand(
                    ALICE.id(),
                    "msg",
                    options(
                            option("agent", "Agent-3", false),
                            option("text", "-v please\nrebase onto main", false),
                            option("priority", "high", false)));
            RestCall deferred = h.discord.await(callback(slash), WAIT, "deferred reply");
            assertEquals(5, deferred.body().path("type").asInt(), "deferred channel message");

            RestCall finalEdit = h.discord.await(
                    c -> c.is(
                                    "PATCH",
                                    "webhooks/" + FakeDiscord.APP_ID + "/interaction-token-" + slash
                                            + "/messages/@original")
                            && c.body().toString().contains("delivered (inbox, verified)"),
                    WAIT,
                    "edit to delivered");
            JsonNode embed = finalEdit.body().path("embeds").get(0);
            assertTrue(embed.path("title").asText().contains("Agent-3"), embed.toString());
            Path file = h.awaitInboxFiles("Agent-3", 1).get(0);
            assertEquals("-v please\nrebase onto main", bodyOf(file));
            assertTrue(Files.readString(file).contains("priority: HIGH"));
        }
    }

    @Test
    void afterTheGatewayDropsJdaResumesAndMessagesStillFlow() throws Exception {
        try (DiscordHarness h = DiscordHarness.start(dir, Limits.defaults(), List.of())) {
            h.discord.dropConnection();
            long msg = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agent-4 still there?");

            h.discord.await(reaction("PUT", msg, StatusEmoji.DELIVERED), WAIT, "✅ after resume");
            assertEquals("still there?", bodyOf(h.awaitInboxFiles("Agent-4", 1).get(0)));
            assertEquals(1, h.discord.identifies(), "resumed the session instead of identifying again");
            assertTrue(h.discord.resumes() >= 1);

            h.discord.requestReconnect();
            h.discord.awaitResumes(2, WAIT);
            long second = h.discord.postMessage(CHANNEL, ALICE.id(), "!msg Agent-4 and again");
            h.discord.await(reaction("PUT", second, StatusEmoji.DELIVERED), WAIT, "✅ after op 7");
        }
    }

    @Test
    void burstOf200MessagesFromFiveMembersIsDeliveredOnceEachWithEveryStatusReported() throws Exception {
        List<FakeMember> members = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            members.add(FakeMember.of(2000 + m, "member" + m, FakeDiscord.OPERATOR_ROLE_ID));
        }
        try (DiscordHarness h = DiscordHarness.start(dir, new Limits(null, 100, 10), members)) {
            Map<Long, String> sent = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                FakeMember who = members.get(i % 5);
                String agent = "Agent-" + (1 + i % 8);
                String body = "burst " + i + " from " + who.name();
                sent.put(h.discord.postMessage(CHANNEL, who.id(), "!msg " + agent + " " + body), agent + "|" + body);
            }

            List<String> delivered = new ArrayList<>();
            for (int a = 1; a <= 8; a++) {
                for (Path f : h.awaitInboxFiles("Agent-" + a, 25)) {
                    delivered.add("Agent-" + a + "|" + bodyOf(f));
                }
            }
            assertEquals(200, delivered.size());
            assertEquals(new HashSet<>(sent.values()), new HashSet<>(delivered), "each delivered once, to its agent");

            List<RestCall> ticks = h.discord.awaitCount(
                    c -> c.method().equals("PUT") && c.path().endsWith("/reactions/" + StatusEmoji.DELIVERED + "/@me"),
                    200,
                    WAIT.multipliedBy(2),
                    "✅ reactions");
            Set<String> tickedMessages = new HashSet<>();
            ticks.forEach(c -> tickedMessages.add(c.path().split("/")[3]));
            Set<String> sentIds = new HashSet<>();
            sent.keySet().forEach(id -> sentIds.add(Long.toString(id)));
            assertEquals(sentIds, tickedMessages, "every message's status reported on it");
            assertEquals(200, ticks.size(), "and only once");
        }
    }

    private static java.util.function.Predicate<RestCall> callback(long interactionId) {
        return c -> c.is("POST", "interactions/" + interactionId + "/[^/]+/callback");
    }
}
