package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.twitch.fake.ChatUser;
import dev.switchboard.bot.twitch.fake.FakeTwitchChat;
import dev.switchboard.bot.twitch.fake.LocalTwitchIdentity;
import dev.switchboard.bot.twitch.fake.SentPrivmsg;
import dev.switchboard.config.TwitchConfig;
import dev.switchboard.delivery.InboxFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real twitch4j client against a local Twitch chat, with the real queue and inbox delivery behind it:
 * what people in chat type, what lands in an agent's inbox, what the bot says back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwitchBridgeEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CHANNEL = "stream";
    /** twitch4j shares its send bucket per bot user id across the JVM: a fresh id per test keeps tests apart. */
    private static final AtomicLong BOT_IDS =
            new AtomicLong(ProcessHandle.current().pid() * 1000);

    private static final Pattern QUEUED =
            Pattern.compile("@(\\S+) queued #([0-9a-f]{4}) for (\\S+) \\(id ([0-9a-f-]{36})\\)");

    @TempDir
    Path dir;

    private SwitchboardRig rig;
    private FakeTwitchChat server;
    private TwitchBridge bridge;

    private final ChatUser mod = ChatUser.moderator("mod1", "1001");
    private final ChatUser streamer = ChatUser.broadcaster("stream", "1000");

    @BeforeEach
    void setUp() throws Exception {
        rig = new SwitchboardRig(dir);
        server = new FakeTwitchChat().begin();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        server.close();
        rig.close();
    }

    private TwitchConfig config(String greeting, Path quotes, int rateMessages, int rateSeconds, int cooldown) {
        return new TwitchConfig(
                "switchbot",
                List.of(CHANNEL),
                List.of("trusted"),
                server.url(),
                greeting,
                quotes,
                rateMessages,
                rateSeconds,
                cooldown,
                null);
    }

    private void startBridge(TwitchConfig cfg) throws Exception {
        bridge = new TwitchBridge(
                cfg,
                "oauth:not-a-real-token",
                rig.commands(),
                rig.bus(),
                new LocalTwitchIdentity(Long.toString(BOT_IDS.incrementAndGet()), "switchbot"),
                rig.app.answers());
        bridge.start();
        server.awaitJoined(CHANNEL, WAIT);
    }

    private List<SentPrivmsg> repliesTo(String chatMessageId, int count) throws InterruptedException {
        return server.awaitSent(s -> chatMessageId.equals(s.replyTo()), count, WAIT);
    }

    private Path awaitInboxFile(String agent) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> files = rig.inboxFiles(agent);
            if (!files.isEmpty()) {
                return files.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no inbox file for " + agent + " within " + WAIT);
    }

    private String body(Path file) throws IOException {
        return InboxFormat.bodyOf(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void moderatorsMsgLandsInTheInboxAndChatSeesTheIdThenTheDelivery() throws Exception {
        startBridge(config("Switchboard is listening", null, 20, 30, 10));
        SentPrivmsg greeting =
                server.awaitSent(s -> s.replyTo() == null, 1, WAIT).get(0);
        assertEquals("Switchboard is listening", greeting.text());

        server.chat(mod, CHANNEL, "chat-1", "!msg Agent-2 hello");

        Path file = awaitInboxFile("Agent-2");
        assertEquals("hello", body(file));
        List<SentPrivmsg> replies = repliesTo("chat-1", 2);
        Matcher queued = QUEUED.matcher(replies.get(0).text());
        assertTrue(queued.matches(), replies.get(0).text());
        assertEquals("mod1", queued.group(1));
        assertEquals("Agent-2", queued.group(3));
        assertTrue(file.getFileName().toString().contains(queued.group(4)), "the inbox file carries the id");
        assertEquals(
                "@mod1 → Agent-2: delivered (inbox, verified) · #" + queued.group(2),
                replies.get(1).text());
        assertEquals(CHANNEL, replies.get(1).channel());

        // Answering the bot's line with Twitch's reply button: the text starts with "@switchbot ".
        server.reply(mod, CHANNEL, "chat-2", "!status " + queued.group(2), "bot-line-1", "switchbot");
        String status = repliesTo("chat-2", 1).get(0).text();
        assertTrue(status.startsWith("@mod1 ") && status.contains("delivered"), status);
    }

    @Test
    void anOutboxAnswerWithReplyToIsRepliedInTheChatThreadThatAskedShortenedToChatLimits() throws Exception {
        startBridge(config(null, null, 20, 30, 10));
        server.chat(mod, CHANNEL, "ask-1", "!msg Agent-2 what broke?");
        Path file = awaitInboxFile("Agent-2");
        String name = file.getFileName().toString();
        String id = name.substring(name.indexOf('_') + 1, name.length() - 3);
        repliesTo("ask-1", 2); // queued, delivered

        Path outbox = Files.createDirectories(rig.config.workspaces().resolve("Agent-2/outbox"));
        Path answer = outbox.resolve("0001_answer.md");
        Files.writeString(
                answer,
                "---\nreply_to: \"#" + id.substring(id.length() - 4) + "\"\n---\nThe build.\n" + "x".repeat(3000));
        Files.setLastModifiedTime(
                answer,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(5)));

        List<SentPrivmsg> lines = server.awaitSent(
                s -> "ask-1".equals(s.replyTo()) && s.text().startsWith("💬")
                        || "ask-1".equals(s.replyTo()) && s.text().startsWith("xxx"),
                3,
                WAIT);
        assertTrue(
                lines.get(0).text().startsWith("💬 Agent-2 answered — The build. xxx"),
                lines.get(0).text());
        assertTrue(
                lines.get(2).text().endsWith("…"),
                "cut to three chat messages: " + lines.get(2).text());
        assertTrue(lines.stream().allMatch(l -> l.text().length() <= 500));
        server.awaitCondition(
                () -> rig.queue().find(id).orElseThrow().state() == dev.switchboard.core.message.MessageState.READ,
                WAIT,
                "question read");
    }

    @Test
    void aBroadcastReachesEveryInboxAndIsSummedUpInOneLine() throws Exception {
        startBridge(config(null, null, 20, 30, 10));
        server.chat(streamer, CHANNEL, "b-1", "!broadcast stand-up in 5");

        for (String agent : List.of("Agent-1", "Agent-2", "Agent-3")) {
            assertEquals("stand-up in 5", body(awaitInboxFile(agent)));
        }
        List<SentPrivmsg> replies = repliesTo("b-1", 2);
        assertTrue(
                replies.get(0).text().startsWith("@stream queued for 3 agents"),
                replies.get(0).text());
        assertTrue(
                replies.get(1).text().matches("@stream → 3 agents: 3 delivered \\(inbox, verified\\) · #[0-9a-f]{4}"),
                replies.get(1).text());
        // A later command's answer must come after any line the three deliveries could still cause
        server.chat(streamer, CHANNEL, "b-2", "!agents");
        repliesTo("b-2", 1);
        assertEquals(3, server.sent().size(), "one summary, not a line per agent: " + server.sent());
    }

    @Test
    void viewersAreDeniedMsgButGetAgentsAndQuotes() throws Exception {
        Path quotes = Files.writeString(dir.resolve("quotes.txt"), "# ours\nShip it.\nIt works on my machine.\n");
        startBridge(config(null, quotes, 20, 30, 10));

        server.chat(ChatUser.viewer("viewer1", "2001"), CHANNEL, "v-1", "!msg Agent-2 let me in");
        assertEquals(
                "@viewer1 you are not allowed to run 'msg' (needs operator)",
                repliesTo("v-1", 1).get(0).text());

        server.chat(ChatUser.viewer("viewer2", "2002"), CHANNEL, "v-2", "!agents");
        String agents = repliesTo("v-2", 1).get(0).text();
        assertTrue(agents.startsWith("@viewer2 3 agents — Agent-1 · inbox · 0 pending"), agents);
        assertTrue(agents.contains("Agent-3"), agents);

        server.chat(ChatUser.viewer("viewer3", "2003"), CHANNEL, "v-3", "!quote");
        String quote = repliesTo("v-3", 1).get(0).text();
        assertTrue(
                List.of("@viewer3 Ship it.", "@viewer3 It works on my machine.").contains(quote), quote);

        server.chat(ChatUser.viewer("viewer5", "2005"), CHANNEL, "v-5", "!help");
        String help = repliesTo("v-5", 1).get(0).text();
        assertTrue(help.startsWith("@viewer5 ") && help.contains("agents") && help.contains("status"), help);
        assertFalse(help.contains("purge-dead"), "help lists what a viewer may run: " + help);

        server.chat(ChatUser.viewer("viewer6", "2006"), CHANNEL, "v-6", "!status");
        assertTrue(repliesTo("v-6", 1).get(0).text().startsWith("@viewer6 "));

        // An allowlisted viewer is an operator; the denied one queued nothing.
        server.chat(ChatUser.viewer("trusted", "2004"), CHANNEL, "v-4", "!msg Agent-1 from a trusted viewer");
        assertEquals("from a trusted viewer", body(awaitInboxFile("Agent-1")));
        assertEquals(List.of(), rig.inboxFiles("Agent-2"));
        assertEquals(1, rig.queue().list(List.of(), null, 100).size());
    }

    @Test
    void aBurstOfFiftyCommandsIsCooledDownAndSentWithinTheRate() throws Exception {
        int rate = 5;
        Duration period = Duration.ofSeconds(3);
        startBridge(config(null, null, rate, (int) period.toSeconds(), 30));

        // 25 viewers, each sending two commands back to back: the second falls in their cooldown.
        for (int i = 0; i < 50; i++) {
            ChatUser viewer = ChatUser.viewer("viewer" + (i / 2), Integer.toString(3000 + i / 2));
            server.chat(viewer, CHANNEL, "b-" + i, i % 2 == 0 ? "!agents" : "!quote");
            if (i == 25) {
                server.chat(mod, CHANNEL, "m-burst", "!msg Agent-3 during the burst");
            }
        }
        // The operator's command runs whatever the budget; its answer and status wait their turn.
        assertEquals("during the burst", body(awaitInboxFile("Agent-3")));
        List<SentPrivmsg> modReplies = repliesTo("m-burst", 2);
        assertTrue(modReplies.get(1).text().startsWith("@mod1 → Agent-3: delivered (inbox, verified)"));

        List<SentPrivmsg> sent = server.sent();
        Map<String, Integer> answersPerViewer = new HashMap<>();
        for (SentPrivmsg s : sent) {
            if (s.replyTo().startsWith("b-")) {
                int i = Integer.parseInt(s.replyTo().substring(2));
                answersPerViewer.merge("viewer" + (i / 2), 1, Integer::sum);
            }
        }
        assertTrue(
                !answersPerViewer.isEmpty() && answersPerViewer.size() <= rate,
                "at most the budget's worth of viewers were answered: " + answersPerViewer);
        assertTrue(
                answersPerViewer.values().stream().allMatch(n -> n == 1), "one answer per viewer: " + answersPerViewer);
        // Never more than `rate` lines in a window, as the chat server counts them (no margin: see SendWindow).
        long window = period.toNanos();
        for (int i = rate; i < sent.size(); i++) {
            long span = sent.get(i).receivedNanos() - sent.get(i - rate).receivedNanos();
            assertTrue(span >= window, (rate + 1) + " lines within " + span / 1_000_000 + " ms");
        }
    }

    @Test
    void longAnswersAreSplitAndLinesLeaveInTheOrderTheyWereSaid() throws Exception {
        String longQuote = "word ".repeat(240).strip(); // 1199 characters: three chat messages
        Path quotes = Files.writeString(dir.resolve("long.txt"), longQuote + "\n");
        startBridge(config(null, quotes, 20, 30, 10));
        for (int i = 0; i < 4; i++) {
            server.chat(mod, CHANNEL, "o-" + i, "!quote");
        }
        List<SentPrivmsg> sent =
                server.awaitSent(s -> s.replyTo() != null && s.replyTo().startsWith("o-"), 12, WAIT);
        for (int i = 0; i < 12; i++) {
            assertEquals("o-" + (i / 3), sent.get(i).replyTo(), "line " + i);
            assertEquals(i % 3 == 0, sent.get(i).text().startsWith("@mod1 word"), "line " + i);
            assertTrue(sent.get(i).text().length() <= ChatText.MAX_LENGTH);
        }
        assertEquals(
                "@mod1 " + longQuote,
                String.join(
                        " ", sent.subList(0, 3).stream().map(SentPrivmsg::text).toList()));

        // Twitch normally acknowledges each line; when it does not, lines still go out, in order, a little later.
        server.acknowledgeMessages(false);
        server.chat(mod, CHANNEL, "o-quiet", "!quote");
        List<SentPrivmsg> quiet = repliesTo("o-quiet", 3);
        assertTrue(quiet.get(0).text().startsWith("@mod1 word")
                && !quiet.get(1).text().startsWith("@"));
    }

    @Test
    void reconnectsAndDroppedSocketsAreSurvived() throws Exception {
        startBridge(config("hi chat", null, 20, 30, 10));
        server.chat(streamer, CHANNEL, "r-1", "!agents");
        repliesTo("r-1", 1);

        server.sendReconnect();
        server.awaitCondition(() -> server.connections() == 2, WAIT, "a second connection after RECONNECT");
        server.awaitJoined(CHANNEL, WAIT);
        server.chat(streamer, CHANNEL, "r-2", "!msg Agent-1 after reconnect");
        assertEquals("after reconnect", body(awaitInboxFile("Agent-1")));
        assertTrue(repliesTo("r-2", 2).get(1).text().contains("delivered (inbox, verified)"));

        server.dropConnection();
        server.awaitCondition(() -> server.connections() == 3, WAIT, "a third connection after a dropped socket");
        server.awaitJoined(CHANNEL, WAIT);
        server.chat(mod, CHANNEL, "r-3", "!status");
        assertTrue(repliesTo("r-3", 1).get(0).text().startsWith("@mod1 "));
        assertEquals(
                1,
                server.sent().stream().filter(s -> s.text().equals("hi chat")).count(),
                "greeted once");
    }

    @Test
    void closingLeavesNoThreadsBehind() throws Exception {
        startBridge(config(null, null, 20, 30, 10));
        server.chat(mod, CHANNEL, "c-1", "!agents");
        repliesTo("c-1", 1);
        bridge.close();
        bridge = null;
        server.awaitCondition(
                () -> liveBridgeThreads().isEmpty(), WAIT, "bridge threads to end: " + liveBridgeThreads());
    }

    private static List<String> liveBridgeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("twitch") || n.equals("ReadingThread") || n.equals("WritingThread"))
                .toList();
    }

    @Test
    void aCommandFromAChannelThatWasNeverJoinedIsIgnored() throws Exception {
        startBridge(config(null, null, 20, 30, 0));
        server.chat(ChatUser.broadcaster("other", "2000"), "other", "o-1", "!msg Agent-2 from a channel never joined");
        server.chat(mod, "other", "o-2", "!agents");
        // Lines are handled in order: once this one is answered, the two above have been seen and dropped.
        server.chat(mod, CHANNEL, "o-3", "!msg Agent-3 from the joined channel");

        assertEquals("from the joined channel", body(awaitInboxFile("Agent-3")));
        repliesTo("o-3", 2);
        assertEquals(List.of(), rig.inboxFiles("Agent-2"), "nothing was queued from #other");
        assertTrue(
                server.sent().stream().allMatch(s -> CHANNEL.equals(s.channel())),
                "no line went to #other: " + server.sent());
    }

    @Test
    void malformedAndHostileLinesCrashNothingAndLeakNothing() throws Exception {
        startBridge(config(null, null, 20, 30, 0));
        String tagsMod = "@badges=moderator/1;display-name=mod1;id=%s;mod=1;room-id=1;user-id=1001;user-type=mod";
        List<String> hostile = new ArrayList<>(List.of(
                "PRIVMSG #stream :!agents", // no prefix, no tags
                ":nobody!nobody@nobody.tmi.twitch.tv PRIVMSG #stream :!msg Agent-2 no tags",
                "@badges=;id=h-3;user-id=4003;display-name=/ban\\sme :evil!evil@evil.tmi.twitch.tv PRIVMSG #stream :!quote",
                String.format(tagsMod, "h-4") + " :mod1!mod1@mod1.tmi.twitch.tv PRIVMSG #stream :!msg Agent-2 "
                        + "A".repeat(20_000),
                "@badges=;id=h-5;user-id=4005 :v5!v5@v5.tmi.twitch.tv PRIVMSG #stream :!msg Agent-2 first\r\n/ban victim",
                String.format(tagsMod, "h-6") + " :mod1!mod1@mod1.tmi.twitch.tv PRIVMSG #stream :!msg /ban x",
                String.format(tagsMod, "h-7") + " :mod1!mod1@mod1.tmi.twitch.tv PRIVMSG #stream :!msg .timeout x",
                "@badges=;id=h-8;user-id=4008 :v8!v8@v8.tmi.twitch.tv PRIVMSG #stream :\u0001ACTION !quote\u0001",
                "@;;;=;= :x PRIVMSG",
                ":tmi.twitch.tv NOTICE * :Login unsuccessful",
                "",
                "\u0000\u0001garbage \uFFFF"));
        for (String line : hostile) {
            server.raw(line);
        }
        String exotic = "héllo 👩‍💻🚀 שלום עולם مرحبا \u202Eevil\u202C /ban .x";
        server.chat(mod, CHANNEL, "h-last", "!msg Agent-3 " + exotic);

        assertEquals(exotic, body(awaitInboxFile("Agent-3")));
        repliesTo("h-last", 2);
        repliesTo("h-4", 1);
        repliesTo("h-6", 1);
        assertEquals(List.of(), rig.inboxFiles("Agent-2"), "nothing hostile was queued");
        assertEquals(List.of(), rig.inboxFiles("Agent-1"));
        for (SentPrivmsg s : server.sent()) {
            assertEquals(CHANNEL, s.channel());
            assertTrue(s.text().length() <= ChatText.MAX_LENGTH, s.text().length() + " chars");
            assertFalse(s.text().startsWith("/") || s.text().startsWith("."), s.text());
            assertTrue(s.text().startsWith("@"), "every line answers someone: " + s.text());
            assertTrue(s.text().codePoints().noneMatch(Character::isISOControl), s.text());
        }
        assertTrue(server.sent().stream().noneMatch(s -> s.text().contains("victim")), "no stray line");
    }
}
