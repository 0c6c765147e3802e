package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.bot.twitch.fake.ChatUser;
import dev.switchboard.bot.twitch.fake.FakeTwitchChat;
import dev.switchboard.config.TwitchConfig;
import dev.switchboard.core.lifecycle.FatalServiceException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production token check at {@code twitch.auth_url}, against a local stand-in for Twitch's
 * {@code /oauth2/validate}: the bot logs in as the account the token belongs to, and
 * a token Twitch refuses stops the start with a clear message and without connecting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwitchTokenCheckTest {
    @TempDir
    Path dir;

    private HttpServer validate;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private SwitchboardRig rig;
    private FakeTwitchChat chat;
    private TwitchBridge bridge;

    @BeforeEach
    void setUp() throws Exception {
        validate = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        validate.createContext("/oauth2/validate", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (status == 200
                            ? "{\"client_id\":\"abc\",\"login\":\"realbot\",\"scopes\":[\"chat:edit\",\"chat:read\"],"
                                    + "\"user_id\":\""
                                    + (7_000_000 + ProcessHandle.current().pid()) + "\",\"expires_in\":5520838}"
                            : "{\"status\":401,\"message\":\"invalid access token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        validate.start();
        rig = new SwitchboardRig(dir);
        chat = new FakeTwitchChat().begin();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        chat.close();
        rig.close();
        validate.stop(0);
    }

    /** The production bridge, with twitch.auth_url pointing at the local validate endpoint. */
    private TwitchBridge bridge() {
        return bridge("http://127.0.0.1:" + validate.getAddress().getPort() + "/oauth2/validate");
    }

    private TwitchBridge bridge(String authUrl) {
        TwitchConfig cfg =
                new TwitchConfig("realbot", List.of("stream"), List.of(), chat.url(), null, null, 20, 30, 10, authUrl);
        return new TwitchBridge(cfg, "oauth:tok-123", rig.app.commands(), rig.bus(), rig.app.answers());
    }

    @Test
    void aValidTokenLogsInAsItsAccount() throws Exception {
        bridge = bridge();
        bridge.start();
        chat.awaitJoined("stream", Duration.ofSeconds(15));
        // Checked by us before connecting, and again by twitch4j when it connects.
        assertFalse(authorizations.isEmpty());
        assertTrue(authorizations.stream().allMatch("OAuth tok-123"::equals), "sent without the oauth: prefix");
        assertEquals("realbot", chat.lastNick());
        assertEquals("oauth:tok-123", chat.lastPass());

        chat.chat(ChatUser.moderator("mod1", "1001"), "stream", "t-1", "!help");
        String help = chat.awaitSent(s -> "t-1".equals(s.replyTo()), 1, Duration.ofSeconds(15))
                .get(0)
                .text();
        assertTrue(help.startsWith("@mod1 "), help);
    }

    @Test
    void aRefusedTokenStopsTheStart() throws Exception {
        status = 401;
        bridge = bridge();
        FatalServiceException e = assertThrows(FatalServiceException.class, bridge::start);
        assertEquals(
                "SWITCHBOARD_TWITCH_TOKEN was rejected by Twitch (HTTP 401): use a user access token with the"
                        + " chat:read and chat:edit scopes",
                e.getMessage());
        assertFalse(e.getMessage().contains("tok-123"));
        assertEquals(List.of("OAuth tok-123"), authorizations, "checked once, at twitch.auth_url");
        assertEquals(0, chat.connections(), "never connected to the chat");
    }

    @Test
    void anUnreachableTokenCheckIsAnOrdinaryFailureThatNamesTheUrl() throws Exception {
        // a port that was just free: nothing listens there
        java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        String url = "http://127.0.0.1:" + s.getLocalPort() + "/oauth2/validate";
        s.close();
        bridge = bridge(url);
        IllegalStateException e = assertThrows(IllegalStateException.class, bridge::start);
        assertTrue(
                e.getMessage().startsWith("cannot reach the Twitch token check at " + url + " (ConnectException"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(e.getMessage().contains("tok-123"));
    }

    @Test
    void aRemoteAuthUrlThatIsNotTwitchsNeverGetsTheToken() {
        bridge = bridge("https://example.org/oauth2/validate");
        FatalServiceException e = assertThrows(FatalServiceException.class, bridge::start);
        assertTrue(e.getMessage().contains("is neither Twitch's nor on this machine"), e.getMessage());
    }
}
