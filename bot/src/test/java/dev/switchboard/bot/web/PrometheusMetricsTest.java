package dev.switchboard.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bot.Bridge;
import dev.switchboard.core.message.MessageState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} read by a real parser of the Prometheus text format: the reference client library's
 * ({@code prometheus_client.parser}, Debian's python3-prometheus-client; the Java client has no text parser).
 */
class PrometheusMetricsTest {
    private static final String PARSER = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for f in text_string_to_metric_families(sys.stdin.read()):
                out[f.name] = {"type": f.type, "samples": [[s.name, s.labels, s.value] for s in f.samples]}
            print(json.dumps(out))
            """;

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
    void theSeriesParseAndCountWhatHappened() throws Exception {
        rig.app.attach(
                new Bridge() { // a connected front-end, as the console is
                    @Override
                    public String name() {
                        return "console";
                    }

                    @Override
                    public void start() {}

                    @Override
                    public void close() {}
                });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(rig.sendMessage("Agent-1", "count me " + i));
        }
        ids.add(rig.sendMessage("Agent-3", "and me"));
        for (String id : ids) {
            rig.awaitState(id, MessageState.DELIVERED);
        }
        rig.post("api/v1/agents/Agent-2/pause", null, WebRig.TOKEN);
        rig.sendMessage("Agent-2", "held");

        WebRig.Answer scrape = rig.get("metrics");
        assertEquals(200, scrape.status());
        assertTrue(scrape.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        JsonNode families = parse(scrape.body());

        assertEquals(
                "counter", families.path("switchboard_deliveries").path("type").asText());
        assertEquals(
                3.0,
                value(
                        families,
                        "switchboard_deliveries",
                        "switchboard_deliveries_total",
                        "agent",
                        "Agent-1",
                        "method",
                        "inbox",
                        "verified",
                        "true"));
        assertEquals(
                1.0,
                value(
                        families,
                        "switchboard_deliveries",
                        "switchboard_deliveries_total",
                        "agent",
                        "Agent-3",
                        "method",
                        "inbox",
                        "verified",
                        "true"));

        assertEquals("gauge", families.path("switchboard_messages").path("type").asText());
        assertEquals(
                3.0,
                value(
                        families,
                        "switchboard_messages",
                        "switchboard_messages",
                        "agent",
                        "Agent-1",
                        "state",
                        "delivered"));
        assertEquals(1.0, value(families, "switchboard_queue_depth", "switchboard_queue_depth", "agent", "Agent-2"));
        assertEquals(1.0, value(families, "switchboard_agent_paused", "switchboard_agent_paused", "agent", "Agent-2"));
        assertEquals(
                0.0,
                value(
                        families,
                        "switchboard_breaker_state",
                        "switchboard_breaker_state",
                        "agent",
                        "Agent-1",
                        "method",
                        "inbox"));
        assertEquals(
                1.0,
                value(families, "switchboard_bridge_connected", "switchboard_bridge_connected", "bridge", "console"));

        JsonNode hist = families.path("switchboard_delivery_seconds");
        assertEquals("histogram", hist.path("type").asText());
        assertEquals(
                3.0,
                value(
                        families,
                        "switchboard_delivery_seconds",
                        "switchboard_delivery_seconds_count",
                        "agent",
                        "Agent-1",
                        "method",
                        "inbox"));
        assertEquals(
                3.0,
                value(
                        families,
                        "switchboard_delivery_seconds",
                        "switchboard_delivery_seconds_bucket",
                        "agent",
                        "Agent-1",
                        "method",
                        "inbox",
                        "le",
                        "+Inf"));
        assertEquals(
                "histogram",
                families.path("switchboard_end_to_end_seconds").path("type").asText());
        assertEquals(
                "histogram",
                families.path("switchboard_queue_wait_seconds").path("type").asText());
    }

    private static JsonNode parse(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", PARSER)
                .redirectErrorStream(false)
                .start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "the Prometheus parser refused the output: " + err);
        return new ObjectMapper().readTree(out);
    }

    /** The one sample of {@code family} named {@code sample} whose labels include the given pairs. */
    private static double value(JsonNode families, String family, String sample, String... labels) {
        List<Double> found = new ArrayList<>();
        for (JsonNode s : families.path(family).path("samples")) {
            boolean match = s.get(0).asText().equals(sample);
            for (int i = 0; i < labels.length && match; i += 2) {
                match = labels[i + 1].equals(s.get(1).path(labels[i]).asText(null));
            }
            if (match) {
                found.add(s.get(2).asDouble());
            }
        }
        assertEquals(1, found.size(), sample + " " + List.of(labels) + " in " + families.path(family));
        return found.get(0);
    }
}
