package dev.switchboard.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.message.MessageState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over real HTTP against the running application (SQLite on disk, inbox delivery to temp dirs). */
class WebApiTest {
    @TempDir
    Path dir;

    WebRig rig;

    @BeforeEach
    void start() throws IOException {
        rig = WebRig.start(dir, 100);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aMessageSentWithTheTokenIsDeliveredToTheInboxAndItsHistoryIsShown() throws Exception {
        String id = rig.sendMessage("two", "rerun the tests\n  keep   the spacing");
        rig.awaitState(id, MessageState.DELIVERED);

        WebRig.Answer m = rig.get("api/v1/messaging/messages/" + id);
        assertEquals(200, m.status());
        assertEquals("Agent-2", m.json().path("agent").asText());
        assertEquals(
                "rerun the tests\n  keep   the spacing", m.json().path("text").asText());
        assertEquals("http:api (web API)", m.json().path("sender").asText());
        List<String> states = new ArrayList<>();
        m.json().path("history").forEach(h -> states.add(h.path("to").asText()));
        assertEquals(List.of("queued", "delivering", "delivered"), states);
        try (var files = Files.list(rig.config.workspaces().resolve("Agent-2").resolve("inbox"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().contains(id)), "the inbox file carries the id");
        }
        // the short form works too, as in chat
        assertEquals(
                id,
                rig.get("api/v1/messaging/messages/" + id.substring(id.length() - 4))
                        .json()
                        .path("id")
                        .asText());
    }

    @Test
    void writesNeedTheRightTokenAndAreRefusedWithOneSentenceOtherwise() throws Exception {
        String body = WebRig.json(Map.of("agent", "Agent-1", "text", "hi"));
        Map<MessageState, Long> before = rig.counts();

        WebRig.Answer none = rig.post("api/v1/messages", body, null);
        assertEquals(401, none.status());
        assertEquals("this needs the API token: send Authorization: Bearer <token>", none.error());
        assertEquals(
                "Bearer", none.raw().headers().firstValue("WWW-Authenticate").orElse(""));

        WebRig.Answer wrong = rig.post("api/v1/messages", body, WebRig.TOKEN + "x");
        assertEquals(401, wrong.status());
        assertEquals("the API token is wrong", wrong.error());
        assertFalse(wrong.body().contains(WebRig.TOKEN), "the token is never echoed");

        assertEquals(401, rig.post("api/v1/agents/Agent-1/pause", null, null).status());
        assertEquals(before, rig.counts(), "nothing was queued");
        assertFalse(rig.app.queue().isPaused("Agent-1"));
    }

    @Test
    void badInputGets400WithOneSentenceAndChangesNothing() throws Exception {
        Map<MessageState, Long> before = rig.counts();
        Map<String, String> cases = Map.of(
                "{\"agent\": \"Agent-1\", \"text\": ",
                "the request body is not valid JSON",
                "{\"agent\": \"Agent-1\", \"text\": \"hi\", \"color\": \"red\"}",
                "unknown field 'color' (known: agent, priority, text)",
                "{\"agent\": 7, \"text\": \"hi\"}",
                "field 'agent' must be a string",
                "{\"agent\": \"Agent-1\", \"text\": [\"hi\"]}",
                "field 'text' must be a string",
                "[1, 2]",
                "the request body must be a JSON object",
                "{\"agent\": \"Agent-1\"}",
                "field 'text' is required: the message to send",
                "{\"agent\": \"Agent-1\", \"text\": \"hi\", \"priority\": \"soon\"}",
                "Invalid value for option");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            WebRig.Answer a = rig.post("api/v1/messages", c.getKey(), WebRig.TOKEN);
            assertEquals(400, a.status(), c.getKey() + " → " + a.body());
            assertTrue(a.error().startsWith(c.getValue()), c.getKey() + " → " + a.error());
            assertFalse(a.error().contains("\n"), "one line: " + a.error());
        }
        String big = WebRig.json(Map.of("agent", "Agent-1", "text", "x".repeat(70 * 1024)));
        WebRig.Answer tooBig = rig.post("api/v1/messages", big, WebRig.TOKEN);
        assertEquals(400, tooBig.status());
        assertEquals("the request body is over 64 KB", tooBig.error());
        assertEquals(400, rig.get("api/v1/messaging/queue?state=sleeping").status());
        assertEquals(400, rig.get("api/v1/messaging/queue?limit=9999").status());
        assertEquals(
                "unknown agent 'nobody'",
                rig.get("api/v1/messaging/queue?agent=nobody").error());
        assertEquals(before, rig.counts(), "nothing was queued");
    }

    @Test
    void sendingRunsTheChatCommandsSoTheirValidationAndRateLimitApply() throws Exception {
        WebRig.Answer unknown =
                rig.post("api/v1/messages", WebRig.json(Map.of("agent", "Agent-22", "text", "x")), WebRig.TOKEN);
        assertEquals(422, unknown.status());
        assertEquals("unknown agent 'Agent-22' — did you mean Agent-2?", unknown.error());
        WebRig.Answer control =
                rig.post("api/v1/messages", WebRig.json(Map.of("agent", "Agent-1", "text", "a\u0007b")), WebRig.TOKEN);
        assertEquals(422, control.status());
        assertTrue(control.error().contains("control character"), control.error());

        rig.close();
        rig = WebRig.start(dir.resolve("limited"), 2);
        rig.sendMessage("Agent-1", "one");
        rig.sendMessage("Agent-1", "two");
        WebRig.Answer third =
                rig.post("api/v1/messages", WebRig.json(Map.of("agent", "Agent-1", "text", "three")), WebRig.TOKEN);
        assertEquals(422, third.status());
        assertTrue(third.error().startsWith("slow down: at most 2 messages per 10 s"), third.error());
    }

    @Test
    void pauseHoldsDeliveriesCancelAndRetryChangeTheMessageResumeLetsThemGo() throws Exception {
        assertEquals(
                200, rig.post("api/v1/agents/two/pause", null, WebRig.TOKEN).status());
        JsonNode agents = rig.get("api/v1/messaging/agents").json().path("agents");
        assertTrue(agents.get(1).path("paused").asBoolean(), agents.toString());

        String held = rig.sendMessage("Agent-2", "held");
        String cancelled = rig.sendMessage("Agent-2", "cancel me");
        WebRig.Answer c = rig.post("api/v1/messages/" + cancelled + "/cancel", "{}", WebRig.TOKEN);
        assertEquals(200, c.status(), c.body());
        assertEquals(
                MessageState.CANCELLED,
                rig.app.queue().find(cancelled).orElseThrow().state());
        assertEquals(
                MessageState.QUEUED, rig.app.queue().find(held).orElseThrow().state(), "held while paused");
        assertEquals(
                1,
                rig.get("api/v1/messaging/agents")
                        .json()
                        .path("agents")
                        .get(1)
                        .path("queue_depth")
                        .asLong());

        WebRig.Answer again = rig.post("api/v1/messages/" + cancelled + "/cancel", null, WebRig.TOKEN);
        assertEquals(422, again.status(), "a cancelled message cannot be cancelled again: " + again.body());
        WebRig.Answer retry = rig.post("api/v1/messages/" + held + "/retry", null, WebRig.TOKEN);
        assertEquals(422, retry.status(), "a queued message is not retried: " + retry.body());
        assertEquals(
                400,
                rig.post("api/v1/messages/" + held + "/retry", "{\"now\": true}", WebRig.TOKEN)
                        .status());

        assertEquals(
                200,
                rig.post("api/v1/agents/Agent-2/resume", null, WebRig.TOKEN).status());
        rig.awaitState(held, MessageState.DELIVERED);
    }

    @Test
    void readsFilterAndPageTheQueueAndShowHealthTimingAndConfigWithoutSecrets() throws Exception {
        String a1 = rig.sendMessage("Agent-1", "first");
        rig.awaitState(a1, MessageState.DELIVERED);
        rig.post("api/v1/agents/Agent-3/pause", null, WebRig.TOKEN);
        List<String> a3 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a3.add(rig.sendMessage("Agent-3", "waiting " + i));
        }
        WebRig.Answer urgent = rig.post(
                "api/v1/messages",
                WebRig.json(Map.of("agent", "Agent-3", "text", "now", "priority", "urgent")),
                WebRig.TOKEN);
        String urgentId = urgent.json().path("ids").get(0).asText();

        JsonNode page1 = rig.get("api/v1/messaging/queue?agent=Agent-3&state=queued&limit=2")
                .json();
        assertEquals(2, page1.path("messages").size());
        assertTrue(page1.path("more").asBoolean());
        JsonNode page3 = rig.get("api/v1/messaging/queue?agent=Agent-3&state=queued&limit=2&offset=2")
                .json();
        assertEquals(2, page3.path("messages").size());
        assertFalse(page3.path("more").asBoolean());
        JsonNode urgentOnly =
                rig.get("api/v1/messaging/queue?priority=urgent").json().path("messages");
        assertEquals(1, urgentOnly.size());
        assertEquals(urgentId, urgentOnly.get(0).path("id").asText());
        JsonNode delivered =
                rig.get("api/v1/messaging/queue?state=delivered,read").json().path("messages");
        assertEquals(a1, delivered.get(0).path("id").asText());

        WebRig.Answer health = rig.get("api/v1/messaging/health");
        assertEquals(200, health.status());
        List<String> parts = new ArrayList<>();
        health.json().path("parts").forEach(p -> parts.add(p.path("part").asText()));
        assertEquals(
                List.of("queue", "delivery:Agent-1:inbox", "delivery:Agent-2:inbox", "delivery:Agent-3:inbox"), parts);
        assertEquals(200, rig.get("api/v1/messaging/timing").status());
        WebRig.Answer config = rig.get("api/v1/messaging/config");
        assertEquals(0, config.json().path("config").path("web").path("port").asInt());
        assertEquals(
                rig.config.dataDir().toString(),
                config.json().path("config").path("data_dir").asText());
        assertEquals(
                "(set, redacted)",
                config.json().path("secrets").path("SWITCHBOARD_API_TOKEN").asText());
        assertFalse(config.body().contains(WebRig.TOKEN));
        JsonNode metrics = rig.get("api/v1/messaging/metrics").json();
        assertEquals(
                4,
                metrics.path("totals")
                        .path("by_agent")
                        .path("Agent-3")
                        .path("queued")
                        .asLong());
        assertEquals(
                1, metrics.path("last_hour").path("by_method").path("inbox").asLong());
        assertEquals(60, metrics.path("last_hour").path("per_minute").size());
        assertEquals(404, rig.get("api/v1/messaging/messages/ffffffff").status());
    }

    @Test
    void getNeverChangesStateAndNoCorsHeadersAreSent() throws Exception {
        rig.post("api/v1/agents/Agent-1/pause", null, WebRig.TOKEN);
        String id = rig.sendMessage("Agent-1", "stay");
        for (String path : List.of("api/v1/messages/" + id + "/cancel", "api/v1/agents/Agent-1/resume")) {
            WebRig.Answer a = rig.get(path);
            assertTrue(a.status() == 404 || a.status() == 405, path + " → " + a.status());
        }
        assertEquals(MessageState.QUEUED, rig.app.queue().find(id).orElseThrow().state());
        assertTrue(rig.app.queue().isPaused("Agent-1"));

        HttpRequest preflight = HttpRequest.newBuilder(rig.base.resolve("api/v1/messages"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .build();
        WebRig.Answer p = rig.send(preflight);
        assertTrue(
                p.raw().headers().map().keySet().stream()
                        .noneMatch(h -> h.toLowerCase().startsWith("access-control")),
                p.raw().headers().map().toString());
        WebRig.Answer read = rig.send(HttpRequest.newBuilder(rig.base.resolve("api/v1/messaging/agents"))
                .header("Origin", "http://evil.example")
                .build());
        assertEquals(200, read.status());
        assertTrue(
                read.raw().headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedWhileOnLoopback() throws Exception {
        try (Socket s = new Socket("127.0.0.1", rig.base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(
                    ("GET /api/v1/messaging/agents HTTP/1.1\r\nHost: rebound.evil.example\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("this server answers only to its own address"), answer);
        }
    }

    @Test
    void withoutATokenWritesAreRefusedWithAClearMessageAndReadsStillWork() throws Exception {
        rig.close();
        rig = WebRig.start(dir.resolve("no-token"), 100, Map.of());
        WebRig.Answer a = rig.post("api/v1/messages", WebRig.json(Map.of("agent", "Agent-1", "text", "x")), "guess");
        assertEquals(403, a.status());
        assertEquals(
                "writes are turned off: no API token is configured (set SWITCHBOARD_API_TOKEN and restart "
                        + "switchboard run)",
                a.error());
        assertEquals(200, rig.get("api/v1/messaging/agents").status());
    }

    @Test
    void beyondLoopbackRunRefusesToStartWithoutATokenAndReadsNeedIt() throws Exception {
        rig.close();
        Path file = dir.resolve("open.yaml");
        Files.writeString(file, "data_dir: open-data\nweb: {host: 0.0.0.0, port: 0}\n");
        var cfg = dev.switchboard.config.ConfigLoader.load(file);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> dev.switchboard.bot.App.startService(
                        cfg, dev.switchboard.config.Secrets.from(Map.of()), dev.switchboard.bot.App.Tuning.defaults()));
        assertEquals(
                "web.host 0.0.0.0 is reachable from other machines: set SWITCHBOARD_API_TOKEN (every request "
                        + "will need it), or use web.host: 127.0.0.1",
                e.getMessage());

        rig = WebRig.startOn(dir.resolve("open"), "0.0.0.0");
        assertEquals(401, rig.get("api/v1/messaging/agents").status());
        WebRig.Answer ok = rig.send(HttpRequest.newBuilder(rig.base.resolve("api/v1/messaging/agents"))
                .header("Authorization", "Bearer " + WebRig.TOKEN)
                .build());
        assertEquals(200, ok.status());
        assertEquals(200, rig.get("").status(), "the page itself holds no data and asks for the token");
    }

    @Test
    void aTakenPortStopsTheStartWithOneLineAndLeavesTheDataDirectoryFree() throws Exception {
        rig.close();
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path file = dir.resolve("taken.yaml");
            Files.writeString(file, "data_dir: taken-data\nweb: {port: " + taken.getLocalPort() + "}\n");
            var cfg = dev.switchboard.config.ConfigLoader.load(file);
            // The supervisor refuses the start: the web server is not an optional service.
            RuntimeException e = assertThrows(
                    RuntimeException.class,
                    () -> dev.switchboard.bot.App.startService(
                            cfg,
                            dev.switchboard.config.Secrets.from(Map.of()),
                            dev.switchboard.bot.App.Tuning.defaults()));
            assertTrue(
                    e.getMessage()
                            .startsWith("cannot start the web: cannot serve the web page on 127.0.0.1:"
                                    + taken.getLocalPort() + ": "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        rig = WebRig.start(dir.resolve("after"), 100);
    }
}
