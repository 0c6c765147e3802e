package dev.switchboard.bench.window;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One delivery method's benchmark figures, as the bench report's JSON shows them.
 *
 * @param messages      how many were sent
 * @param p50Ms         median latency of one delivery, verification included
 * @param p95Ms         95th percentile of the same
 * @param exactRatio    share of sent texts that arrived exactly once, byte for byte
 * @param verifiedRatio share of deliveries reported verified
 * @param error         why this part could not run (then the numbers are 0), or null
 */
public record Figures(int messages, double p50Ms, double p95Ms, double exactRatio, double verifiedRatio, String error) {

    public static Figures failed(String error) {
        return new Figures(0, 0, 0, 0, 0, error);
    }

    /** Figures from per-message latencies (ms), the sent and received texts and the verified count. */
    public static Figures of(double[] latenciesMs, List<String> sent, List<String> received, int verified) {
        double[] sorted = latenciesMs.clone();
        Arrays.sort(sorted);
        Map<String, Integer> pending = new HashMap<>();
        received.forEach(r -> pending.merge(r, 1, Integer::sum));
        int exact = 0;
        for (String s : sent) {
            Integer left = pending.get(s);
            if (left != null && left > 0) {
                exact++;
                pending.put(s, left - 1);
            }
        }
        int n = sent.size();
        return new Figures(
                n,
                percentile(sorted, 50),
                percentile(sorted, 95),
                n == 0 ? 0 : (double) exact / Math.max(n, received.size()),
                n == 0 ? 0 : (double) verified / n,
                null);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** {@code {"messages", "p50_ms", "p95_ms", "exact_ratio", "verified_ratio"[, "error"]}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messages", messages);
        m.put("p50_ms", round(p50Ms));
        m.put("p95_ms", round(p95Ms));
        m.put("exact_ratio", round(exactRatio));
        m.put("verified_ratio", round(verifiedRatio));
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
