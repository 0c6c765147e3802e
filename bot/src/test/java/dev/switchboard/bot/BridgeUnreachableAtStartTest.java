package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.bot.twitch.fake.FakeTwitchChat;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.lifecycle.FatalServiceException;
import dev.switchboard.core.lifecycle.ServiceStatus;
import dev.switchboard.core.lifecycle.StatusFile;
import dev.switchboard.core.lifecycle.Supervisor;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.queue.Backoff;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat platform that cannot be reached when {@code run} starts: Switchboard starts without that bridge, says
 * so in one line naming the URL, delivers to inboxes meanwhile, and connects once the platform is back. A token
 * that is rejected still stops the start.
 */
@Timeout(120)
class BridgeUnreachableAtStartTest {
    private static final App.Tuning FAST = new App.Tuning(50, 50, 200, 100, 3, Duration.ofSeconds(1));
    private static final Supervisor.Timing RETRY_FAST =
            new Supervisor.Timing(Duration.ofMillis(100), new Backoff(200, 1_000), Duration.ofMinutes(1));
    private static final String TOKEN = "oauth:tok-5150";

    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    @Test
    void twitchUnreachableAtStartRunsWithoutItDeliversAndConnectsLater() throws Exception {
        int port = freePort();
        String authUrl = "http://127.0.0.1:" + port + "/oauth2/validate";
        try (FakeTwitchChat chat = new FakeTwitchChat().begin()) {
            SwitchboardConfig cfg = config(
                    "twitch: {channels: [stream], irc_url: '" + chat.url() + "', auth_url: '" + authUrl + "'}\n");

            // WHEN run starts while the token check cannot be reached
            try (App app = App.startService(
                    cfg, Secrets.from(Map.of(Secrets.TWITCH_TOKEN, TOKEN)), FAST, RETRY_FAST, notices::add)) {
                // THEN it runs, and says so in one line naming the URL
                String first = notices.get(0);
                assertTrue(
                        first.startsWith(
                                "twitch: cannot reach the Twitch token check at " + authUrl + " (ConnectException"),
                        first);
                assertTrue(first.contains("; running without it, next try in "), first);
                assertEquals(1, first.lines().count());
                assertFalse(String.join("\n", notices).contains("tok-5150"), "the token is never shown");
                assertEquals(0, chat.connections());

                // AND inbox delivery works meanwhile
                Reply r =
                        app.commands().executeChat("msg Agent-1 works without Twitch", Caller.local(Platform.CONSOLE));
                Await.until(
                        Duration.ofSeconds(20),
                        () -> inboxBodies("Agent-1").contains("works without Twitch"),
                        () -> "inbox: " + inboxBodies("Agent-1"));
                assertEquals(Reply.Status.OK, r.status());
                assertTrue(
                        status(app, "twitch").state() == ServiceStatus.State.FAILED
                                || status(app, "twitch").state() == ServiceStatus.State.STARTING,
                        app.services().toString());

                // WHEN Twitch's token check is back THEN the bridge connects by itself and joins
                HttpServer validate = validateServer(port, 200);
                try {
                    chat.awaitJoined("stream", Duration.ofSeconds(30));
                    Await.until(
                            Duration.ofSeconds(10),
                            () -> notices.contains("twitch started"),
                            () -> "notices: " + notices);
                    assertEquals(
                            ServiceStatus.State.RUNNING, status(app, "twitch").state());
                    // the CLI sees the same, from the status file
                    ServiceStatus fromFile =
                            StatusFile.read(StatusFile.in(cfg.dataDir())).orElseThrow().services().stream()
                                    .filter(s -> s.name().equals("twitch"))
                                    .findFirst()
                                    .orElseThrow();
                    assertEquals(ServiceStatus.State.RUNNING, fromFile.state());
                } finally {
                    validate.stop(0);
                }
            }
        }
    }

    @Test
    void aRejectedTwitchTokenStillStopsTheStart() throws Exception {
        int port = freePort();
        HttpServer validate = validateServer(port, 401);
        try (FakeTwitchChat chat = new FakeTwitchChat().begin()) {
            SwitchboardConfig cfg = config("twitch: {channels: [stream], irc_url: '" + chat.url()
                    + "', auth_url: 'http://127.0.0.1:" + port + "/oauth2/validate'}\n");
            FatalServiceException e = assertThrows(
                    FatalServiceException.class,
                    () -> App.startService(
                            cfg, Secrets.from(Map.of(Secrets.TWITCH_TOKEN, TOKEN)), FAST, RETRY_FAST, notices::add));
            assertEquals(
                    "cannot start the twitch: SWITCHBOARD_TWITCH_TOKEN was rejected by Twitch (HTTP 401): use a"
                            + " user access token with the chat:read and chat:edit scopes",
                    e.getMessage());
            assertEquals(0, chat.connections());
        } finally {
            validate.stop(0);
        }
    }

    @Test
    void discordUnreachableAtStartIsOneLineNamingTheUrlAndDeliveryGoesOn() throws Exception {
        int port = freePort();
        String api = "http://127.0.0.1:" + port + "/api/v10/";
        SwitchboardConfig cfg =
                config("discord: {api_url: '" + api + "', gateway_url: 'ws://127.0.0.1:" + port + "/'}\n");
        try (App app = App.startService(
                cfg, Secrets.from(Map.of(Secrets.DISCORD_TOKEN, "discord-tok-77")), FAST, RETRY_FAST, notices::add)) {
            String first = notices.get(0);
            assertTrue(first.startsWith("discord: cannot reach Discord at " + api + " ("), first);
            assertTrue(first.contains("; running without it, next try in "), first);
            assertEquals(1, first.lines().count());
            assertFalse(first.contains("discord-tok-77"));

            app.commands().executeChat("msg Agent-1 works without Discord", Caller.local(Platform.CONSOLE));
            Await.until(
                    Duration.ofSeconds(20),
                    () -> inboxBodies("Agent-1").contains("works without Discord"),
                    () -> "inbox: " + inboxBodies("Agent-1"));
            // and it keeps trying, with backoff
            Await.until(
                    Duration.ofSeconds(20),
                    () -> notices.stream().anyMatch(n -> n.startsWith("discord: ") && n.contains("still failing")),
                    () -> "notices: " + notices);
        }
    }

    private SwitchboardConfig config(String extra) throws IOException {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, "agents: [{id: Agent-1}]\n" + extra);
        return ConfigLoader.load(file);
    }

    private static ServiceStatus status(App app, String name) {
        return app.services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static HttpServer validateServer(int port, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/oauth2/validate", exchange -> {
            byte[] body = (status == 200
                            ? "{\"client_id\":\"abc\",\"login\":\"switchbot\",\"scopes\":[\"chat:edit\",\"chat:read\"],"
                                    + "\"user_id\":\""
                                    + (8_000_000 + ProcessHandle.current().pid()) + "\",\"expires_in\":5000}"
                            : "{\"status\":401,\"message\":\"invalid access token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private List<String> inboxBodies(String agent) {
        Path inbox = dir.resolve("agent_workspaces").resolve(agent).resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> {
                        try {
                            String text = Files.readString(p);
                            return text.substring(text.indexOf("\n---\n") + 5);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
