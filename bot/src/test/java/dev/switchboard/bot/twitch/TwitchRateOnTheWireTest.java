package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.twitch.fake.ChatUser;
import dev.switchboard.bot.twitch.fake.FakeTwitchChat;
import dev.switchboard.bot.twitch.fake.LocalTwitchIdentity;
import dev.switchboard.bot.twitch.fake.SentPrivmsg;
import dev.switchboard.config.TwitchConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twitch counts the lines it receives: never more than {@code rate_messages} may arrive within any
 * {@code rate_seconds}, measured where they arrive (the local chat server's clock), with no margin, also when one
 * line is late on the network.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwitchRateOnTheWireTest {
    private static final String CHANNEL = "stream";
    private static final int RATE = 5;
    private static final Duration PERIOD = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private SwitchboardRig rig;
    private FakeTwitchChat server;
    private TwitchBridge bridge;

    @BeforeEach
    void setUp() throws Exception {
        rig = new SwitchboardRig(dir);
        server = new FakeTwitchChat().begin();
        TwitchConfig cfg = new TwitchConfig(
                "switchbot",
                List.of(CHANNEL),
                List.of(),
                server.url(),
                null,
                null,
                RATE,
                (int) PERIOD.toSeconds(),
                0,
                null);
        bridge = new TwitchBridge(
                cfg,
                "oauth:not-a-real-token",
                rig.commands(),
                rig.bus(),
                new LocalTwitchIdentity(Long.toString(ProcessHandle.current().pid() * 1000 + 777), "switchbot"));
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
    void noMoreThanTheRateArrivesInAnyWindowEvenWhenALineArrivesLate() throws Exception {
        // GIVEN the first line the bot says is 800 ms late on the network
        server.stallNextPrivmsg(800);

        // WHEN a moderator asks for more answers than three windows allow
        ChatUser mod = ChatUser.moderator("mod1", "1001");
        int asked = 3 * RATE;
        for (int i = 0; i < asked; i++) {
            server.chat(mod, CHANNEL, "r-" + i, "!status");
        }
        List<SentPrivmsg> sent = server.awaitSent(
                s -> s.replyTo() != null && s.replyTo().startsWith("r-"), asked, Duration.ofSeconds(40));

        // THEN no RATE + 1 of them arrived within one period
        for (int i = RATE; i < sent.size(); i++) {
            long span = sent.get(i).receivedNanos() - sent.get(i - RATE).receivedNanos();
            assertTrue(
                    span >= PERIOD.toNanos(),
                    (RATE + 1) + " lines arrived within " + span / 1_000_000 + " ms (lines " + (i - RATE) + ".." + i
                            + ")");
        }
    }
}
