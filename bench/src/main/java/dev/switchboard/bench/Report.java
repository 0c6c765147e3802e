package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns the measurements into the JSON report (shape documented in the README's benchmark section). */
final class Report {
    static final ObjectMapper JSON = new ObjectMapper();

    private Report() {}

    static ObjectNode build(
            Scale scale,
            DiskLimits before,
            DiskLimits after,
            List<EnqueueBench.Result> enqueue,
            CycleBench.Result cycle,
            CycleBench.Result cycleFiles,
            EndToEndBench.Result e2e,
            IdleMemoryBench.Result idle,
            Map<String, JsonNode> sections) {
        double append = (before.appendFsyncPerSecond() + after.appendFsyncPerSecond()) / 2;
        double atomic = (before.atomicWritePerSecond() + after.atomicWritePerSecond()) / 2;
        ObjectNode root = JSON.createObjectNode();
        root.put("scale", scale.name());
        root.put("finished_at", Instant.now().toString());
        root.set("machine", machine());

        ObjectNode raw = root.putObject("raw");
        raw.put("append_fsync_per_s", round(append));
        raw.put("atomic_write_per_s", round(atomic));
        raw.set("before", raw(before));
        raw.set("after", raw(after));
        raw.put(
                "note",
                "(a) append 256 B + fsync; (b) 1 KB temp file + fsync + atomic rename + directory fsync;"
                        + " ratios use the mean of the measurements before and after");

        ArrayNode enq = root.putArray("enqueue");
        for (EnqueueBench.Result r : enqueue) {
            ObjectNode o = enq.addObject();
            o.put("producers", r.producers());
            o.put("rows", r.rows());
            o.put("per_s", round(r.perSecond()));
            o.put("p50_ms", round2(r.p50Ms()));
            o.put("p99_ms", round2(r.p99Ms()));
            o.put("ratio_to_append_fsync", round2(r.perSecond() / append));
            o.put("samples", r.samples());
        }

        cycle(
                root.putObject("cycle"),
                cycle,
                append,
                atomic,
                "enqueue -> claim under lease -> deliver (a deliverer that writes nothing) -> DELIVERED -> markRead,"
                        + " real workers, 8 agents: the queue's own cycle");
        cycle(
                root.putObject("cycle_with_inbox_files"),
                cycleFiles,
                append,
                atomic,
                "the same with every message written as an atomic, fsynced inbox file: bounded by (b)");

        ObjectNode end = root.putObject("end_to_end");
        end.put("offered_per_s", e2e.offeredPerSecond());
        end.put("per_s", round(e2e.saturated().perSecond()));
        end.put("p50_ms", round2(e2e.offered().p50Ms()));
        end.put("p99_ms", round2(e2e.offered().p99Ms()));
        end.put("ratio_to_atomic_write", round2(e2e.saturated().perSecond() / atomic));
        end.put("per_s_at_offered", round(e2e.offered().perSecond()));
        end.put("messages_at_offered", e2e.offered().messages());
        ObjectNode sat = end.putObject("saturated");
        sat.put("producers", e2e.producers());
        sat.put("messages", e2e.saturated().messages());
        sat.put("p50_ms", round2(e2e.saturated().p50Ms()));
        sat.put("p99_ms", round2(e2e.saturated().p99Ms()));
        end.put(
                "note",
                "accept (chat command msg) -> inbox file, in the running service; p50/p99 at the offered"
                        + " load, per_s with as many callers as 'saturated.producers'");

        root.put("idle_rss_mb", round2(idle.rssMb()));
        ObjectNode idleInfo = root.putObject("idle");
        idleInfo.put("agents", Messages.AGENTS.size());
        idleInfo.put("command", idle.command());
        idleInfo.put("cds_archive", idle.cdsArchive());

        for (String key : BenchSections.RESERVED) {
            if (!sections.containsKey(key)) {
                ObjectNode o = root.putObject(key);
                o.put("measured", false);
                o.put("reason", "no " + key + " benchmark section is registered in this build (see BenchSections)");
            }
        }
        sections.forEach(root::set);

        Targets.add(root, enqueue, cycle, e2e, idle, append, atomic);
        return root;
    }

    /** The report of a run of only some sections ({@code --only}): no disk, queue or memory figures, no targets. */
    static ObjectNode partial(Scale scale, Map<String, JsonNode> sections) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scale", scale.name());
        root.put("finished_at", Instant.now().toString());
        root.set("machine", machine());
        root.put("only", String.join(",", sections.keySet()));
        sections.forEach(root::set);
        return root;
    }

    private static ObjectNode machine() {
        ObjectNode m = JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jvm_flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    private static ObjectNode raw(DiskLimits d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("append_fsync_per_s", round(d.appendFsyncPerSecond()));
        o.put("atomic_write_per_s", round(d.atomicWritePerSecond()));
        return o;
    }

    private static void cycle(ObjectNode o, CycleBench.Result r, double append, double atomic, String note) {
        o.put("messages", r.messages());
        o.put("producers", CycleBench.PRODUCERS);
        o.put("acknowledged", "on each DELIVERED event, without waiting (as the inbox watcher does)");
        o.put("per_s", round(r.perSecond()));
        o.put("ratio_to_append_fsync", round2(r.perSecond() / append));
        o.put("ratio_to_atomic_write", round2(r.perSecond() / atomic));
        o.put("seconds", round2(r.seconds()));
        o.put("all_enqueued_at_s", round2(r.allEnqueuedAt()));
        o.put("all_delivered_at_s", round2(r.allDeliveredAt()));
        o.put("note", note);
    }

    static double round(double v) {
        return Math.round(v);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
