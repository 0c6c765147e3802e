package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.bot.fuzz.FuzzText;
import dev.switchboard.bot.twitch.fake.ChatUser;
import dev.switchboard.bot.twitch.fake.FakeTwitchChat;
import dev.switchboard.bot.twitch.fake.LocalTwitchIdentity;
import dev.switchboard.bot.twitch.fake.SentPrivmsg;
import dev.switchboard.config.Limits;
import dev.switchboard.config.TwitchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzz of the Twitch front-end through the real twitch4j client and the local chat server: chat lines from
 * moderators, viewers and the broadcaster (commands, near-commands, hostile text) and raw IRC lines a broken
 * server might send. Repeat a run with {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.count} changes the size.
 * Checks: the bridge lives and keeps delivering; every accepted message is in exactly one inbox file with the exact
 * text; nothing else reaches an inbox; everything the bot says is one chat line.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TwitchFuzzTest {
    private static final String CHANNEL = "stream";
    private static final int COUNT = Integer.getInteger("fuzz.count", 10_000);
    /** Fixed by default so the suite is repeatable; any other seed with -Dfuzz.seed. */
    private static final long SEED = Long.getLong("fuzz.seed", 3_442_790_312_385L);

    /** Every failure names the seed that repeats it. */
    @RegisterExtension
    final TestExecutionExceptionHandler nameTheSeed = (context, thrown) -> {
        throw new AssertionError("seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "): " + thrown, thrown);
    };

    @TempDir
    Path dir;

    private SwitchboardRig rig;
    private FakeTwitchChat server;
    private TwitchBridge bridge;
    private final Map<Path, String> read = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        System.out.println("TwitchFuzzTest seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "), " + COUNT
                + " inputs, data in " + dir);
        rig = new SwitchboardRig(dir, new Limits(4000, 1_000_000, 1));
        server = new FakeTwitchChat().begin();
        TwitchConfig cfg = new TwitchConfig(
                "switchbot", List.of(CHANNEL), List.of(), server.url(), null, null, 100_000, 1, 0, null);
        bridge = new TwitchBridge(
                cfg,
                "oauth:not-a-real-token",
                rig.commands(),
                rig.bus(),
                new LocalTwitchIdentity(Long.toString(ProcessHandle.current().pid() * 1000 + 901), "switchbot"));
        bridge.start();
        server.awaitJoined(CHANNEL, Duration.ofSeconds(15));
    }

    @AfterEach
    void tearDown() throws Exception {
        bridge.close();
        server.close();
        rig.close();
    }

    @Test
    void tenThousandHostileLinesNeitherKillTheBridgeNorCorruptWhatIsQueued() throws Exception {
        FuzzText fuzz = new FuzzText(SEED, false);
        ChatUser mod = ChatUser.moderator("mod1", "1001");
        ChatUser viewer = ChatUser.viewer("viewer1", "2001");
        ChatUser streamer = ChatUser.broadcaster(CHANNEL, "1000");
        Map<String, String> expected = new HashMap<>(); // chat message id -> exact body
        Map<String, String> typed = new HashMap<>(); // chat message id -> text typed
        int syncs = 0;
        for (int i = 0; i < COUNT; i++) {
            String id = "f-" + i;
            int r = fuzz.nextInt(100);
            if (r < 7) {
                // Twitch (and twitch4j) trim a line and drop a trailing U+034F (what bots add to dodge the
                // duplicate-message check): the platform's doing, so not sent here.
                String body = ("F" + i + ": " + fuzz.clean(8))
                        .replaceAll("[\\s\u034f]+$", "")
                        .strip();
                String agent = fuzz.pick(List.of("Agent-1", "agent-2", "AGENT-3"));
                expected.put(id, body);
                send(mod, id, "!msg " + agent + " " + body, typed);
            } else if (r < 35) {
                server.raw(fuzz.ircLine(CHANNEL));
            } else {
                ChatUser who = fuzz.pick(List.of(mod, viewer, viewer, streamer));
                String text = fuzz.nextInt(3) == 0
                        ? fuzz.text(10)
                        : fuzz.commandish(fuzz.pick(List.of("!", "!", "", "@switchbot !", "! ")));
                send(who, id, FuzzText.oneLine(text), typed);
            }
            if (i % 240 == 239 || i == COUNT - 1) {
                // Pace the flood (the bridge drops commands past 256 waiting): each chunk ends with a message
                // whose delivery shows that every command before it was handled; it also shows the bridge lives.
                String sync = "sync-" + syncs++;
                String body = "chunk " + syncs + " done";
                expected.put(sync, body);
                send(mod, sync, "!msg Agent-1 " + body, typed);
                awaitBody(body);
            }
        }

        // AND every accepted message is in exactly one inbox file, exact
        List<String> bodies = awaitBodies(expected.size());
        assertEquals(1, server.connections(), "the chat connection was never dropped");
        Map<String, Long> counts = bodies.stream().collect(Collectors.groupingBy(b -> b, Collectors.counting()));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            long n = counts.getOrDefault(e.getValue(), 0L);
            if (n != 1) {
                problems.add(e.getKey() + " delivered " + n + " times: " + e.getValue());
            }
        }
        // AND nothing reached an inbox that was not typed after an agent name
        for (String b : bodies) {
            boolean onboarding = b.startsWith("You are Agent-")
                    && typed.values().stream().anyMatch(t -> t.toLowerCase().contains("onboard"));
            if (!expected.containsValue(b)
                    && !onboarding
                    && typed.values().stream().noneMatch(t -> t.endsWith(b))) {
                problems.add("an inbox file holds text nobody sent: " + b);
            }
        }
        // AND everything the bot said is one chat line, within Twitch's limit; a refused !msg is answered in one
        Map<String, Integer> repliesPerMessage = new HashMap<>();
        for (SentPrivmsg s : server.sent()) {
            if (s.text().contains("\n") || s.text().contains("\r") || s.text().length() > 500) {
                problems.add("not one chat line: " + s.text());
            }
            if (s.replyTo() != null) {
                repliesPerMessage.merge(s.replyTo(), 1, Integer::sum);
            }
        }
        for (SentPrivmsg s : server.sent()) {
            String input = s.replyTo() == null ? null : typed.get(s.replyTo());
            // (help asked for with -h/--help is an answer, not a refusal)
            if (input != null
                    && input.startsWith("!msg ")
                    && !input.contains("-h")
                    && !s.text().contains(" queued #")
                    && !s.text().contains(" → ")
                    && repliesPerMessage.get(s.replyTo()) != 1) {
                problems.add("a refusal in more than one line: " + s.text());
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) with seed " + SEED + ", e.g.:\n"
                    + problems.stream().limit(10).collect(Collectors.joining("\n")));
        }
        assertTrue(expected.size() > COUNT / 20, "the fuzz queued messages at all: " + expected.size());
        assertEquals(0, problems.size());
    }

    private void send(ChatUser who, String id, String text, Map<String, String> typed) {
        typed.put(id, text);
        server.chat(who, CHANNEL, id, text);
    }

    /** Waits (bounded) until the inboxes hold at least {@code count} files; returns their bodies. */
    private List<String> awaitBodies(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> bodies = bodies();
        while (bodies.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            bodies = bodies();
        }
        return bodies;
    }

    private void awaitBody(String body) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!bodies().contains(body)) {
            if (System.nanoTime() > deadline) {
                fail("the bridge stopped delivering (seed " + SEED + "): no inbox file with '" + body + "'");
            }
            Thread.sleep(20);
        }
    }

    private List<String> bodies() throws IOException {
        List<String> out = new ArrayList<>();
        for (String agent : List.of("Agent-1", "Agent-2", "Agent-3")) {
            for (Path f : rig.inboxFiles(agent)) {
                // inbox files are written once (atomically) and never change: each is read once
                String body = read.get(f);
                if (body == null) {
                    String text = Files.readString(f);
                    body = text.substring(text.indexOf("\n---\n") + 5);
                    read.put(f, body);
                }
                out.add(body);
            }
        }
        return out;
    }
}
