package dev.switchboard.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.message.MessageState;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                Path inbox = rig.config.inboxOf(rig.app.agents().resolve("Agent-3").orElseThrow());
                Files.createDirectories(inbox.getParent());
                Files.deleteIfExists(inbox);
                Files.writeString(inbox, "not a folder");
                String id = rig.sendMessage("Agent-3", "are you there?");
                rig.awaitState(id, MessageState.DEAD);

                // WHEN the rules are checked (the default: 1 dead letter in 10 minutes)
                rig.app.alerts().evaluate();

                // THEN an alert event arrives on the stream, once, and the list shows it (beside the inbox's
                // circuit breaker, which three failed attempts opened)
                SseReader.Event alert = nextAlert(sse, "dead_letters");
                assertEquals("fired", alert.data().path("kind").asText(), alert.data().toString());
                assertEquals("dead_letters", alert.data().path("alert").path("rule").asText());
                assertTrue(alert.data().path("announcement").asText().startsWith("🚨 alert: 1 dead letter"),
                        alert.data().toString());
                JsonNode listed = rig.get("api/v1/alerts").json().path("alerts");
                assertEquals(2, listed.size(), listed.toString());
                assertEquals("dead_letters", listed.get(0).path("key").asText(), listed.toString());
                assertTrue(listed.get(0).path("summary").asText().startsWith("1 dead letter in the last 10 min"),
                        listed.toString());
                assertTrue(listed.get(0).hasNonNull("since"));
                assertEquals("breaker:Agent-3/inbox", listed.get(1).path("key").asText(), listed.toString());
                assertEquals(0, rig.app.alerts().evaluate().size(), "still the same alert: nothing new");
            }
        }
    }

    private static SseReader.Event nextAlert(SseReader sse, String rule) throws InterruptedException {
        while (true) {
            SseReader.Event e = sse.next(Duration.ofSeconds(20));
            assertTrue(e != null, "no " + rule + " alert event on the stream");
            if (e.event().equals("alert") && e.data().path("alert").path("rule").asText().equals(rule)) {
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
                    .header("Authorization", "Bearer " + WebRig.TOKEN).GET().build());
            assertEquals(200, peek.status(), peek.body());
            assertTrue(peek.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(peek.body().startsWith("Agent-2 · newest inbox and outbox files\n"), peek.body());
            assertTrue(peek.body().contains("rebase onto main, then run the tests"), peek.body());
            assertTrue(peek.body().contains("outbox: empty"), peek.body());

            WebRig.Answer unknown = rig.send(HttpRequest.newBuilder(rig.base.resolve("api/v1/agents/Agnet-2/peek"))
                    .header("Authorization", "Bearer " + WebRig.TOKEN).GET().build());
            assertEquals(404, unknown.status(), unknown.body());
            assertTrue(unknown.error().startsWith("unknown agent 'Agnet-2'"), unknown.body());
        }
    }
}
