package dev.switchboard.bot.discord.e2e;

import static dev.switchboard.bot.discord.fake.FakeDiscord.option;
import static dev.switchboard.bot.discord.fake.FakeDiscord.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.FakeMember;
import dev.switchboard.bot.discord.fake.RestCall;
import dev.switchboard.bot.fuzz.FuzzText;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.Limits;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.lifecycle.ServiceStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzz of the Discord front-end through the real JDA client and the fake Discord: message content from
 * operators, admins and viewers (commands, near-commands, hostile text, in and outside the command channel) and
 * slash command options. Repeat with {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.count} changes the size.
 * Checks: the service lives and keeps delivering; every accepted message is in exactly one inbox file with the
 * exact text; nothing else reaches an inbox; every refusal is one line; the token never reaches the log.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DiscordFuzzTest {
    private static final int COUNT = Integer.getInteger("fuzz.count", 10_000);
    /** Fixed by default so the suite is repeatable; any other seed with -Dfuzz.seed. */
    private static final long SEED = Long.getLong("fuzz.seed", 3_381_420_400_738L);

    private static final List<FakeMember> WHO =
            List.of(DiscordHarness.ALICE, DiscordHarness.ALICE, DiscordHarness.BOB, DiscordHarness.CAROL);

    /** Every failure names the seed that repeats it. */
    @RegisterExtension
    final TestExecutionExceptionHandler nameTheSeed = (context, thrown) -> {
        throw new AssertionError("seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "): " + thrown, thrown);
    };

    @TempDir
    Path dir;

    @Test
    void tenThousandHostileMessagesAndSlashOptionsNeitherKillTheServiceNorCorruptWhatIsQueued() throws Exception {
        System.out.println("DiscordFuzzTest seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "), " + COUNT
                + " inputs, data in " + dir);
        FuzzText fuzz = new FuzzText(SEED, true);
        Map<String, String> expected = new HashMap<>(); // input -> exact body
        Map<String, Predicate<RestCall>> answers = new HashMap<>(); // input -> the bot's answers to it
        List<String> typed = new ArrayList<>();
        List<String> agents =
                SwitchboardConfig.defaultAgents().stream().map(AgentConfig::id).toList();
        try (DiscordHarness h = DiscordHarness.start(dir, new Limits(4000, 1_000_000, 1), List.of())) {
            int chunk = 0;
            for (int i = 0; i < COUNT; i++) {
                int r = fuzz.nextInt(100);
                if (r < 4) {
                    String body = "F" + i + ": " + fuzz.clean(10);
                    expected.put("m" + i, body);
                    long id = post(h, typed, DiscordHarness.ALICE, "!msg " + fuzz.pick(agents) + " " + body);
                    answers.put(
                            "m" + i,
                            DiscordHarness.replyTo(id)
                                    .or(c -> c.path()
                                            .startsWith("channels/" + FakeDiscord.CHANNEL_ID + "/messages/" + id
                                                    + "/reactions/")));
                } else if (r < 6) {
                    String text = "S" + i + ": " + fuzz.clean(10);
                    expected.put("s" + i, text);
                    long id = slash(
                            h, typed, DiscordHarness.ALICE, fuzz.pick(agents).toLowerCase(), text);
                    answers.put("s" + i, c -> c.path().contains("/interaction-token-" + id + "/"));
                } else if (r < 10) {
                    slash(h, typed, fuzz.pick(WHO), fuzz.text(2), fuzz.text(8));
                } else {
                    String text = fuzz.nextInt(3) == 0
                            ? fuzz.text(10)
                            : fuzz.commandish(fuzz.pick(List.of("!", "!", "", "! ", "!!", "<@900000000000000002> !")));
                    long channel = fuzz.nextInt(10) == 0 ? FakeDiscord.OTHER_CHANNEL_ID : FakeDiscord.CHANNEL_ID;
                    typed.add(text);
                    h.discord.postMessage(channel, fuzz.pick(WHO).id(), text);
                }
                if (i % 500 == 499 || i == COUNT - 1) {
                    // Each chunk ends with a message whose delivery shows everything before it was handled.
                    String body = "chunk " + ++chunk + " done";
                    expected.put("c" + chunk, body);
                    post(h, typed, DiscordHarness.ALICE, "!msg Agent-1 " + body);
                    awaitBody(h, body);
                }
            }

            // Agents are delivered to in parallel: the last chunk's marker (to Agent-1) says nothing of the others'
            // last messages, so wait for every expected text before counting (a lost one still shows below).
            awaitAll(h, expected.values());
            List<String> problems = new ArrayList<>();
            List<String> bodies = bodies(h);
            Map<String, Long> counts = bodies.stream().collect(Collectors.groupingBy(b -> b, Collectors.counting()));
            for (Map.Entry<String, String> e : expected.entrySet()) {
                long n = counts.getOrDefault(e.getValue(), 0L);
                if (n != 1) {
                    problems.add(e.getKey() + " delivered " + n + " times: " + e.getValue() + " (code points "
                            + e.getValue()
                                    .codePoints()
                                    .mapToObj(c -> String.format("U+%04X", c))
                                    .toList()
                            + "; the bot answered: " + answered(h, answers.get(e.getKey())) + ")");
                }
            }
            for (String b : bodies) {
                // onboard's optional text is taken as words (not exact, unlike msg): compare it word by word
                boolean onboarding = b.startsWith("You are Agent-")
                        || typed.stream()
                                .anyMatch(t -> t.toLowerCase().contains("onboard")
                                        && squash(t).contains(squash(b)));
                // chat text has CRLF made LF (as Discord's own clients do); nothing else may change
                if (!expected.containsValue(b)
                        && !onboarding
                        && typed.stream()
                                .noneMatch(t ->
                                        t.endsWith(b) || t.replace("\r\n", "\n").endsWith(b))) {
                    problems.add("an inbox file holds text nobody sent: " + b.replace("\n", "⏎"));
                }
            }
            for (RestCall c : h.discord.calls()) {
                String content =
                        c.body() == null ? "" : c.body().path("content").asText("");
                if (c.method().equals("POST")
                        && (content.startsWith("❌ ") || content.startsWith("⛔ "))
                        && content.contains("\n")) {
                    problems.add("a refusal in more than one line: " + content);
                }
            }
            if (h.logLines().stream().anyMatch(l -> l.contains(DiscordHarness.TOKEN))) {
                problems.add("the token reached the log");
            }
            if (!problems.isEmpty()) {
                fail(problems.size() + " problem(s) with seed " + SEED + ", e.g.:\n"
                        + problems.stream().limit(10).collect(Collectors.joining("\n")));
            }
            assertTrue(expected.size() > COUNT / 20, "the fuzz queued messages at all: " + expected.size());
            assertTrue(
                    h.app.services().stream().allMatch(s -> s.state() == ServiceStatus.State.RUNNING),
                    h.app.services().toString());
            assertEquals(List.of(), problems);
        }
    }

    private static String squash(String s) {
        return s.replaceAll("[\\s\"']+", " ").strip();
    }

    private static long post(DiscordHarness h, List<String> typed, FakeMember who, String text) {
        typed.add(text);
        return h.discord.postMessage(FakeDiscord.CHANNEL_ID, who.id(), text);
    }

    private static long slash(DiscordHarness h, List<String> typed, FakeMember who, String agent, String text) {
        typed.add(text);
        return h.discord.slashCommand(
                who.id(), "msg", options(option("agent", agent, false), option("text", text, false)));
    }

    /** What the bot showed for one input (reactions, replies, slash edits), so a missing message explains itself. */
    private static String answered(DiscordHarness h, Predicate<RestCall> toInput) {
        List<String> shown = h.discord.calls().stream()
                .filter(toInput)
                .map(c -> c.body().has("content") || c.body().has("embeds")
                        ? c.body().path("content").asText("")
                                + c.body().path("embeds").path(0).path("title").asText("")
                        : c.method() + " " + c.path().replaceAll(".*/reactions/", "reaction "))
                .toList();
        return shown.isEmpty() ? "nothing" : String.join(" | ", shown);
    }

    private static void awaitBody(DiscordHarness h, String body) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!bodies(h).contains(body)) {
            if (System.nanoTime() > deadline) {
                fail("the service stopped delivering (seed " + SEED + "): no inbox file with '" + body + "'");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitAll(DiscordHarness h, Collection<String> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!new HashSet<>(bodies(h)).containsAll(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Inbox files are written once (atomically) and never change: each is read once. */
    private static final Map<Path, String> READ = new HashMap<>();

    private static List<String> bodies(DiscordHarness h) throws IOException {
        List<String> out = new ArrayList<>();
        for (AgentConfig a : SwitchboardConfig.defaultAgents()) {
            for (Path f : h.inboxFiles(a.id())) {
                String body = READ.get(f);
                if (body == null) {
                    body = DiscordHarness.bodyOf(f);
                    READ.put(f, body);
                }
                out.add(body);
            }
        }
        return out;
    }
}
