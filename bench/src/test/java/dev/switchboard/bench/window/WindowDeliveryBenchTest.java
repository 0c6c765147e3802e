package dev.switchboard.bench.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.delivery.tmux.TmuxClient;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.BrowserTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WindowDeliveryBenchTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void benchReportsGuiBrowserAndTmuxFiguresInTheReportShape() throws Exception {
        Tools.require(
                XvfbSession.available() || System.getenv("DISPLAY") != null,
                "bench test skipped: no Xvfb and no display (install xvfb)");
        Tools.require(new TmuxClient(null).run("-V").ok(), "bench test skipped: tmux is not installed");

        Map<String, Map<String, Object>> report = WindowDeliveryBench.run(dir, 20);

        Tools.require(BrowserTarget.available(), "bench test skipped: chromium is not installed");
        for (String part : List.of("gui", "gui_browser", "tmux")) {
            Map<String, Object> f = report.get(part);
            assertEquals(
                    List.of("messages", "p50_ms", "p95_ms", "exact_ratio", "verified_ratio"),
                    List.copyOf(f.keySet()),
                    part + ": " + f);
            assertEquals(20, f.get("messages"), part + ": " + f);
            assertEquals(1.0, f.get("exact_ratio"), part + ": " + f);
            assertEquals(1.0, f.get("verified_ratio"), part + ": " + f);
        }
    }

    @Test
    void figuresCountExactArrivalsOnceAndTakeNearestRankPercentiles() {
        double[] lat = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        Figures f = Figures.of(lat, List.of("a", "b", "c", "d"), List.of("a", "b", "b", "x"), 3);
        assertEquals(5, f.p50Ms());
        assertEquals(10, f.p95Ms());
        assertEquals(0.5, f.exactRatio()); // a and b once each; the second b and x are not exact
        assertEquals(0.75, f.verifiedRatio());
        assertEquals("no display", Figures.failed("no display").toMap().get("error"));
    }
}
