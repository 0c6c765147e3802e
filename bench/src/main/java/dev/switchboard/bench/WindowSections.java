package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bench.window.Figures;
import dev.switchboard.bench.window.WindowDeliveryBench;
import java.nio.file.Path;
import java.util.List;

/**
 * The window deliveries' figures, measured by {@link WindowDeliveryBench}: GUI
 * (into a test chat window on a private Xvfb, in a child JVM), GUI into a real browser ({@code gui_browser}:
 * chromium's composer page, likewise) and tmux (into a pane reader on a private tmux
 * server). Each reports latency p50/p95 and the exact and verified ratios, or an {@code error}.
 */
final class WindowSections {
    /** Messages per method: the delivery module's default, or a handful for the quick run. */
    static int messages(boolean quick) {
        return quick ? 10 : WindowDeliveryBench.DEFAULT_MESSAGES;
    }

    private WindowSections() {}

    static List<BenchSection> all() {
        return List.of(new Section("gui"), new Section("gui_browser"), new Section("tmux"));
    }

    private record Section(String key) implements BenchSection {
        @Override
        public JsonNode run(Path workDir, boolean quick) throws Exception {
            int n = messages(quick);
            Figures f = switch (key) {
                case "gui" -> WindowDeliveryBench.gui(workDir, n);
                case "gui_browser" -> WindowDeliveryBench.guiBrowser(workDir, n);
                default -> WindowDeliveryBench.tmux(workDir, n);
            };
            return Report.JSON.valueToTree(f.toMap());
        }
    }
}
