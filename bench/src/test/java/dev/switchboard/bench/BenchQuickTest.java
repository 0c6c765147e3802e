package dev.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick benchmark runs every measurement for real and reports the documented shape (no speed checks). */
class BenchQuickTest {
    @TempDir
    Path tmp;

    @Test
    void quickBenchReportsEveryFigureBesideTheRawDiskLimits() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path out = tmp.resolve("report.json");

        int exit = BenchMain.execute("--quick", "--dir", work.toString(), "--out", out.toString());

        assertEquals(0, exit);
        JsonNode r = Report.JSON.readTree(out.toFile());
        assertPositive(r.at("/raw/append_fsync_per_s"));
        assertPositive(r.at("/raw/atomic_write_per_s"));

        JsonNode enqueue = r.get("enqueue");
        assertEquals(4, enqueue.size());
        List<String> configs = Stream.of(0, 1, 2, 3)
                .map(enqueue::get)
                .map(e -> e.get("producers").asInt() + "@" + e.get("rows").asLong())
                .toList();
        assertEquals(List.of("8@0", "64@0", "8@100000", "64@100000"), configs);
        for (JsonNode e : enqueue) {
            for (String key : List.of("per_s", "p50_ms", "p99_ms", "ratio_to_append_fsync")) {
                assertPositive(e.get(key));
            }
            assertTrue(e.get("p99_ms").asDouble() >= e.get("p50_ms").asDouble(), e.toString());
        }
        assertPositive(r.at("/cycle/per_s"));
        assertPositive(r.at("/cycle/ratio_to_append_fsync"));
        assertPositive(r.at("/cycle_with_inbox_files/per_s"));
        assertPositive(r.at("/cycle_with_inbox_files/ratio_to_atomic_write"));
        assertEquals(100, r.at("/end_to_end/offered_per_s").asInt());
        for (String key : List.of("per_s", "p50_ms", "p99_ms", "ratio_to_atomic_write", "per_s_at_offered")) {
            assertPositive(r.get("end_to_end").get(key));
        }
        assertPositive(r.get("idle_rss_mb"));
        for (String window : List.of("gui", "gui_browser", "tmux")) {
            // Measured by the delivery module (or an error saying why not, e.g. no display)
            assertTrue(
                    r.get(window).has("exact_ratio") || r.get(window).has("error"),
                    r.get(window).toString());
        }
        for (String key : List.of("status_p50_ms", "send_p50_ms", "jvm_floor_ms", "cli_to_delivered_p50_ms")) {
            assertPositive(r.at("/cli/" + key));
        }
        assertTrue(r.at("/cli/cli_to_delivered_p50_ms").asDouble()
                >= r.at("/cli/cli_to_delivering_p50_ms").asDouble());
        assertEquals(8, r.get("targets").size());
        for (JsonNode t : r.get("targets")) {
            assertTrue(t.get("pass").isBoolean(), t.toString());
        }
        assertTrue(r.get("all_targets_pass").isBoolean());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the benchmark cleans up after itself");
        }
    }

    @Test
    void onlyTheNamedPartsAreMeasuredAndAnUnknownPartIsAUsageError() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work-only"));
        Path out = tmp.resolve("only.json");

        int exit = BenchMain.execute("--quick", "--only", "tmux", "--dir", work.toString(), "--out", out.toString());

        assertEquals(0, exit);
        JsonNode r = Report.JSON.readTree(out.toFile());
        assertEquals("tmux", r.get("only").asText());
        assertTrue(
                r.get("tmux").has("exact_ratio") || r.get("tmux").has("error"),
                r.get("tmux").toString());
        for (String skipped : List.of("raw", "enqueue", "cycle", "gui", "gui_browser", "cli", "targets")) {
            assertTrue(r.get(skipped) == null, skipped + " was not asked for: " + r);
        }
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the benchmark cleans up after itself");
        }
        assertEquals(2, BenchMain.execute("--quick", "--only", "gui,nope", "--dir", work.toString()));
    }

    private static void assertPositive(JsonNode n) {
        assertTrue(n != null && n.isNumber() && n.asDouble() > 0, "expected a positive number, got " + n);
    }
}
