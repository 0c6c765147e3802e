package dev.switchboard.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.testkit.gui.TargetProcess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The alerts and peek endpoints, and alert events on the live stream, over real HTTP against the running app. */
@Timeout(90)
class WebAlertsPeekTest {
    @TempDir
    Path dir;

    @Test
    void anAlertFiresOnceOnTheStreamAndShowsInTheList() throws Exception {
        try (WebRig rig = WebRig.start(dir, 100)) {
            WebRig.Answer none = rig.get("api/v1/alerts");
            assertEquals(200, none.status());
            assertEquals(0, none.json().path("alerts").size(), none.body());

            try (SseReader sse = new SseReader(rig.http, rig.base.resolve("api/v1/events"), null)) {
                assertEquals(200, sse.status());
                // GIVEN Agent-3's inbox cannot be written: a file stands where its folder should be
                Path inbox =
                        rig.config.inboxOf(rig.app.agents().resolve("Agent-3").orElseThrow());
                Files.createDirectories(inbox.getParent());
                Files.deleteIfExists(inbox);
                Files.writeString(inbox, "not a folder");
                rig.sendMessage("Agent-3", "are you there?");

                // WHEN its inbox method fails three times in a row, its circuit breaker opens, and the rules are
                // checked (breaker_open is on by default)
                Await.until(
                        Duration.ofSeconds(30),
                        () -> {
                            rig.app.alerts().evaluate();
                            return !rig.app.alerts().active().isEmpty();
                        },
                        () -> "no alert; active: " + rig.app.alerts().active());

                // THEN an alert event arrives on the stream, once, and the list shows it
                SseReader.Event alert = nextAlert(sse, "breaker_open");
                assertEquals(
                        "fired",
                        alert.data().path("kind").asText(),
                        alert.data().toString());
                assertEquals(
                        "breaker:Agent-3/inbox",
                        alert.data().path("alert").path("key").asText());
                assertTrue(
                        alert.data()
                                .path("announcement")
                                .asText()
                                .startsWith("🚨 alert: Agent-3: inbox delivery is paused after repeated failures"),
                        alert.data().toString());
                JsonNode listed = rig.get("api/v1/alerts").json().path("alerts");
                assertEquals(1, listed.size(), listed.toString());
                assertEquals("breaker:Agent-3/inbox", listed.get(0).path("key").asText(), listed.toString());
                assertEquals("breaker_open", listed.get(0).path("rule").asText(), listed.toString());
                assertTrue(
                        listed.get(0).path("summary").asText().startsWith("Agent-3: inbox delivery is paused"),
                        listed.toString());
                assertTrue(listed.get(0).hasNonNull("since"));
                assertEquals(0, rig.app.alerts().evaluate().size(), "still the same alert: nothing new");
            }
        }
    }

    private static SseReader.Event nextAlert(SseReader sse, String rule) throws InterruptedException {
        while (true) {
            SseReader.Event e = sse.next(Duration.ofSeconds(20));
            assertTrue(e != null, "no " + rule + " alert event on the stream");
            if (e.event().equals("alert")
                    && e.data().path("alert").path("rule").asText().equals(rule)) {
                return e;
            }
        }
    }

    @Test
    void peekNeedsTheTokenAndShowsAnInboxAgentsNewestFiles() throws Exception {
        try (WebRig rig = WebRig.start(dir, 100)) {
            String id = rig.sendMessage("Agent-2", "rebase onto main, then run the tests");
            rig.awaitState(id, MessageState.DELIVERED);

            WebRig.Answer anonymous = rig.get("api/v1/agents/two/peek");
            assertEquals(401, anonymous.status(), anonymous.body());
            assertEquals("peek needs the API token: send Authorization: Bearer <token>", anonymous.error());

            WebRig.Answer peek = rig.send(HttpRequest.newBuilder(rig.base.resolve("api/v1/agents/two/peek"))
                    .header("Authorization", "Bearer " + WebRig.TOKEN)
                    .GET()
                    .build());
            assertEquals(200, peek.status(), peek.body());
            assertTrue(
                    peek.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(peek.body().startsWith("Agent-2 · newest inbox and outbox files\n"), peek.body());
            assertTrue(peek.body().contains("rebase onto main, then run the tests"), peek.body());
            assertTrue(peek.body().contains("outbox: empty"), peek.body());

            WebRig.Answer unknown = rig.send(HttpRequest.newBuilder(rig.base.resolve("api/v1/agents/Agnet-2/peek"))
                    .header("Authorization", "Bearer " + WebRig.TOKEN)
                    .GET()
                    .build());
            assertEquals(404, unknown.status(), unknown.body());
            assertTrue(unknown.error().startsWith("unknown agent 'Agnet-2'"), unknown.body());
        }
    }

    @Test
    void peekAtAGuiAgentAnswersWithItsWindowAsAPng() throws Exception {
        String display = System.getenv("DISPLAY");
        assumeTrue(
                display != null && !display.isBlank() && !java.awt.GraphicsEnvironment.isHeadless(),
                "needs an X display: run under xvfb-run (./switchboard test does)");
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 500, 500, "enter")) {
            Path config = dir.resolve("switchboard.yaml");
            Files.writeString(config, """
                    data_dir: data
                    agents: [{id: Agent-1, delivery: [gui, inbox], gui: {input_box: {x: %d, y: %d}}}]
                    web: {host: 127.0.0.1, port: 0}
                    """.formatted(
                            target.inputBox().x(), target.inputBox().y()));
            SwitchboardConfig cfg = ConfigLoader.load(config);
            Files.createDirectories(cfg.dataDir());
            try (DataDirLock lock = DataDirLock.tryAcquire(cfg.dataDir()).orElseThrow();
                    App app = App.startService(
                            cfg, Secrets.from(Map.of(Secrets.API_TOKEN, WebRig.TOKEN)), App.Tuning.defaults())) {
                HttpResponse<byte[]> r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                + app.webPort().orElseThrow() + "/api/v1/agents/Agent-1/peek"))
                                        .header("Authorization", "Bearer " + WebRig.TOKEN)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), new String(r.body()));
                assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
                assertTrue(
                        r.headers()
                                .firstValue("X-Snapshot-Title")
                                .orElse("")
                                .startsWith("Agent-1 - screen around its input box (900x560 at "),
                        r.headers().map().toString());
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(r.body()));
                assertEquals(900, png.getWidth());
                assertEquals(560, png.getHeight());
            }
        }
    }
}
