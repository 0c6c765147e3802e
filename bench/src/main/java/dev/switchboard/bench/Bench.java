package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.Schema;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every measurement in order in a temporary folder under {@code parent} (the disk measured) and
 * returns the report. The raw disk limits are measured first and again last; ratios use their mean, so a
 * noisy neighbour shows up as a gap between the two rather than as a silently skewed ratio.
 */
final class Bench {
    static final int[] PRODUCERS = {8, 64};

    private final Scale scale;
    private final Path parent;
    private final Progress progress;
    private final IdleMemoryBench.RunCommandLine service;
    private String brokerUrl;

    private Bench(Scale scale, Path parent, Progress progress, IdleMemoryBench.RunCommandLine service) {
        this.scale = scale;
        this.parent = parent;
        this.progress = progress;
        this.service = service;
    }

    /** The benchmark as {@code switchboard bench} runs it; progress goes to {@code err}. */
    public static ObjectNode run(boolean quick, Path parent, java.io.PrintStream err) throws Exception {
        return run(quick, parent, err, null);
    }

    /** @param brokerUrl with {@code --broker}: also the scale-out figures ({@code "scale_out"}) on that broker */
    public static ObjectNode run(boolean quick, Path parent, java.io.PrintStream err, String brokerUrl)
            throws Exception {
        Bench bench = new Bench(quick ? Scale.quick() : Scale.full(), parent, new Progress(err), ServiceCommand.find());
        bench.brokerUrl = brokerUrl;
        return bench.run();
    }

    /**
     * Only the named sections ({@code gui}, {@code gui_browser}, {@code tmux}, {@code cli}): their figures without
     * the queue and disk measurements, for looking at one delivery method without the minutes those take.
     *
     * @param keys some of {@link #parts()}
     */
    public static ObjectNode runOnly(boolean quick, Path parent, java.io.PrintStream err, List<String> keys)
            throws Exception {
        Map<String, BenchSection> byKey = new LinkedHashMap<>();
        BenchSections.all().forEach(s -> byKey.put(s.key(), s));
        Scale scale = quick ? Scale.quick() : Scale.full();
        Bench bench = new Bench(scale, parent, new Progress(err), null);
        try (Workspace ws = Workspace.create(parent)) {
            bench.progress.say("%s run of %s in %s", scale.name(), String.join(", ", keys), ws.root());
            Map<String, JsonNode> sections = new LinkedHashMap<>();
            for (String key : keys) {
                sections.put(key, bench.section(ws, byKey.get(key)));
            }
            return Report.partial(scale, sections);
        }
    }

    /** The keys {@link #runOnly} takes. */
    public static List<String> parts() {
        return BenchSections.all().stream().map(BenchSection::key).toList();
    }

    /** The report as printed: indented JSON. */
    public static String json(ObjectNode report) throws java.io.IOException {
        return Report.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    private ObjectNode run() throws Exception {
        try (Workspace ws = Workspace.create(parent)) {
            progress.say("%s run in %s", scale.name(), ws.root());
            DiskLimits before = raw(ws, "raw-before");
            List<EnqueueBench.Result> enqueue = enqueue(ws);
            progress.say("cycle: %d messages enqueue -> deliver (nothing written) -> ack", scale.cycleMessages());
            CycleBench.Result cycle =
                    CycleBench.run(ws.dir("cycle-data"), ws.dir("cycle-workspaces"), scale.cycleMessages(), false);
            progress.say("cycle: %.0f msgs/s", cycle.perSecond());
            progress.say("cycle with inbox files: %d messages enqueue -> inbox file -> ack", scale.cycleMessages());
            CycleBench.Result cycleFiles = CycleBench.run(
                    ws.dir("cycle-files-data"), ws.dir("cycle-files-workspaces"), scale.cycleMessages(), true);
            progress.say("cycle with inbox files: %.0f msgs/s", cycleFiles.perSecond());
            progress.say(
                    "end to end: %d msgs/s offered for %d s, then %d messages from %d callers",
                    scale.offeredPerSecond(),
                    scale.offeredDuration().toSeconds(),
                    scale.saturatedMessages(),
                    scale.saturatedProducers());
            EndToEndBench.Result e2e = EndToEndBench.run(ws.dir("e2e-data"), ws.dir("e2e-workspaces"), scale);
            progress.say(
                    "end to end: p99 %.1f ms at %d/s; %.0f msgs/s saturated",
                    e2e.offered().p99Ms(),
                    e2e.offeredPerSecond(),
                    e2e.saturated().perSecond());
            progress.say("idle memory: starting %s", service.display());
            IdleMemoryBench.Result idle = IdleMemoryBench.run(service, ws.dir("idle"), scale.idleSettle(), progress);
            progress.say("idle memory: %.1f MB resident", idle.rssMb());
            Map<String, JsonNode> sections = sections(ws);
            if (brokerUrl != null) {
                sections.put("scale_out", ScaleOutBench.run(brokerUrl, ws, scale, progress));
            }
            DiskLimits after = raw(ws, "raw-after");
            return Report.build(scale, before, after, enqueue, cycle, cycleFiles, e2e, idle, sections);
        }
    }

    private DiskLimits raw(Workspace ws, String name) throws IOException {
        DiskLimits d = DiskLimits.measure(ws.dir(name), scale.rawDuration());
        progress.say(
                "raw disk: append+fsync %.0f/s, atomic file write %.0f/s",
                d.appendFsyncPerSecond(), d.atomicWritePerSecond());
        return d;
    }

    private List<EnqueueBench.Result> enqueue(Workspace ws) throws IOException, InterruptedException {
        List<EnqueueBench.Result> results = new ArrayList<>();
        for (int producers : PRODUCERS) {
            Path dir = ws.dir("enqueue-empty-" + producers);
            try (SqliteMessageQueue queue = SqliteMessageQueue.open(dir, 3, new Backoff(1_000, 60_000))) {
                results.add(enqueueOnce(queue, producers, 0));
            }
            Workspace.deleteTree(dir);
        }
        Path full = ws.dir("enqueue-history");
        progress.say("filling a queue with %,d delivered messages", scale.historyRows());
        // Created a quarter of a second apart, up to now: the history of a busy service.
        long start = System.currentTimeMillis() - scale.historyRows() * Messages.HISTORY_SPACING_MS;
        Schema.bulkInsertDelivered(
                full, scale.historyRows(), i -> Messages.history(i, start), n -> progress.say("  %,d rows", n));
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(full, 3, new Backoff(1_000, 60_000))) {
            for (int producers : PRODUCERS) {
                results.add(enqueueOnce(queue, producers, scale.historyRows()));
            }
        }
        Workspace.deleteTree(full);
        return results;
    }

    private EnqueueBench.Result enqueueOnce(SqliteMessageQueue queue, int producers, long rows)
            throws InterruptedException {
        EnqueueBench.Result r = EnqueueBench.run(
                queue, producers, rows, scale.enqueueWarmup(), scale.enqueueDuration(), scale.enqueueMinSamples());
        progress.say(
                "enqueue, %d producers, %,d rows: %.0f msgs/s, p50 %.2f ms, p99 %.2f ms",
                producers, rows, r.perSecond(), r.p50Ms(), r.p99Ms());
        return r;
    }

    private Map<String, JsonNode> sections(Workspace ws) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (BenchSection section : BenchSections.all()) {
            out.put(section.key(), section(ws, section));
        }
        return out;
    }

    private JsonNode section(Workspace ws, BenchSection section) throws Exception {
        progress.say("%s: measuring", section.key());
        long start = System.nanoTime();
        JsonNode figures = section.run(ws.dir("section-" + section.key()), scale.isQuick());
        progress.say("%s: %s (%.0f s)", section.key(), figures, (System.nanoTime() - start) / 1e9);
        return figures;
    }
}
