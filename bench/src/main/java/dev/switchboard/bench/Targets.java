package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The goals of issue 3, judged on this run's figures: each with what was wanted, what was got, pass/fail. */
final class Targets {
    static final double ENQUEUE_RATIO = 2.5;
    static final double ENQUEUE_P99_MS = 15;
    static final double CYCLE_RATIO = 1.2;
    static final double E2E_RATIO = 0.7;
    static final double E2E_P99_MS = 20;
    static final double IDLE_RSS_MB = 100;

    private Targets() {}

    static void add(
            ObjectNode root,
            List<EnqueueBench.Result> enqueue,
            CycleBench.Result cycle,
            EndToEndBench.Result e2e,
            IdleMemoryBench.Result idle,
            double append,
            double atomic) {
        ArrayNode list = root.putArray("targets");
        boolean all = true;
        for (EnqueueBench.Result r : enqueue) {
            if (r.producers() != 64) {
                continue;
            }
            String at = " (64 producers, " + r.rows() + " rows)";
            all &= target(
                    list,
                    "enqueue_ratio_to_append_fsync" + at,
                    ">= " + ENQUEUE_RATIO,
                    r.perSecond() / append,
                    r.perSecond() / append >= ENQUEUE_RATIO);
            all &= target(list, "enqueue_p99_ms" + at, "<= " + ENQUEUE_P99_MS, r.p99Ms(), r.p99Ms() <= ENQUEUE_P99_MS);
        }
        all &= target(
                list,
                "cycle_ratio_to_append_fsync",
                ">= " + CYCLE_RATIO,
                cycle.perSecond() / append,
                cycle.perSecond() / append >= CYCLE_RATIO);
        double e2eRatio = e2e.saturated().perSecond() / atomic;
        all &= target(list, "end_to_end_ratio_to_atomic_write", ">= " + E2E_RATIO, e2eRatio, e2eRatio >= E2E_RATIO);
        all &= target(
                list,
                "end_to_end_p99_ms at " + e2e.offeredPerSecond() + " msgs/s",
                "< " + E2E_P99_MS,
                e2e.offered().p99Ms(),
                e2e.offered().p99Ms() < E2E_P99_MS);
        all &= target(list, "idle_rss_mb", "< " + IDLE_RSS_MB, idle.rssMb(), idle.rssMb() < IDLE_RSS_MB);
        root.put("all_targets_pass", all);
    }

    private static boolean target(ArrayNode list, String name, String want, double got, boolean pass) {
        ObjectNode o = list.addObject();
        o.put("name", name);
        o.put("want", want);
        o.put("got", Report.round2(got));
        o.put("pass", pass);
        return pass;
    }
}
