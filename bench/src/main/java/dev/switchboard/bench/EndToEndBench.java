package dev.switchboard.bench;

import dev.switchboard.bot.App;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Accept → inbox file through the running service ({@link App#startService}, default tuning, eight agents):
 * a chat command {@code msg <agent> <text>} goes through the command set, router and queue; the real workers
 * write the inbox file; the clock stops at the DELIVERED status event, which is published only after the
 * file was atomically written and the state committed. Two runs: a fixed offered load (latency), and as fast
 * as {@code producers} callers can go (throughput).
 */
final class EndToEndBench {
    /** Figures of one run; latencies from accepting the command to the file being in place. */
    record Run(int messages, double perSecond, double p50Ms, double p99Ms) {}

    record Result(int offeredPerSecond, Run offered, int producers, Run saturated) {}

    private final App app;
    private final Path workspaces;
    private final Caller caller = Caller.local(Platform.CONSOLE);
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong sequence = new AtomicLong();

    private EndToEndBench(App app, Path workspaces) {
        this.app = app;
        this.workspaces = workspaces;
        app.bus().subscribe(e -> {
            if (e.to() == MessageState.DELIVERED) {
                deliveredAt.put(e.messageId(), System.nanoTime());
            } else if (e.to() == MessageState.DEAD || e.to() == MessageState.RETRY_WAIT) {
                failure.compareAndSet(null, new IllegalStateException("delivery failed: " + e.detail()));
            }
        });
    }

    static Result run(Path dataDir, Path workspaces, Scale scale) throws IOException, InterruptedException {
        return run(
                SwitchboardConfig.defaults(dataDir.getParent())
                        .withDataDir(dataDir)
                        .withWorkspaces(workspaces),
                scale);
    }

    /** The same through a service with any config (the scale-out bench: agents on nodes). */
    static Result run(SwitchboardConfig cfg, Scale scale) throws IOException, InterruptedException {
        Path workspaces = cfg.workspaces();
        // The web page stays on, as in a real service, but on any free port: a service already running on this
        // machine (on 8765) must not stop the measurement.
        cfg = cfg.withWeb(cfg.web().withPort(0));
        App.Tuning tuning = App.Tuning.defaults();
        try (App app =
                App.startService(cfg, new Secrets(Optional.empty(), Optional.empty(), Optional.empty()), tuning)) {
            EndToEndBench bench = new EndToEndBench(app, workspaces);
            bench.offered(scale.offeredPerSecond() / 2, Duration.ofSeconds(1)); // warm-up, not reported
            Run offered = bench.offered(scale.offeredPerSecond(), scale.offeredDuration());
            Run saturated = bench.saturated(scale.saturatedProducers(), scale.saturatedMessages());
            bench.checkFiles();
            return new Result(scale.offeredPerSecond(), offered, scale.saturatedProducers(), saturated);
        }
    }

    /** One message every 1/rate seconds, on schedule, whatever the previous ones are doing. */
    private Run offered(int perSecond, Duration duration) throws InterruptedException {
        int count = (int) (perSecond * duration.toMillis() / 1000);
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        AtomicLong issued = new AtomicLong();
        long periodNanos = 1_000_000_000L / perSecond;
        clock.scheduleAtFixedRate(
                () -> {
                    if (issued.getAndIncrement() < count) {
                        senders.execute(() -> send(acceptedAt));
                    }
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        try {
            return awaitDelivered(acceptedAt, count, duration.plusSeconds(60));
        } finally {
            clock.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Run saturated(int producers, int messages) throws InterruptedException {
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        AtomicLong left = new AtomicLong(messages);
        Thread[] threads = new Thread[producers];
        for (int t = 0; t < producers; t++) {
            threads[t] = new Thread(
                    () -> {
                        while (left.getAndDecrement() > 0 && failure.get() == null) {
                            send(acceptedAt);
                        }
                    },
                    "bench-e2e-producer-" + t);
            threads[t].start();
        }
        Run run = awaitDelivered(acceptedAt, messages, Duration.ofMinutes(10));
        for (Thread thread : threads) {
            thread.join();
        }
        return run;
    }

    private void send(Map<String, Long> acceptedAt) {
        try {
            String agent = Messages.agent(sequence.getAndIncrement());
            long start = System.nanoTime();
            Reply reply = app.commands().execute(List.of("msg", agent, Messages.BODY), caller);
            if (!reply.isOk() || reply.messageIds().size() != 1) {
                throw new IllegalStateException("msg was not accepted: " + reply.text());
            }
            acceptedAt.put(reply.messageIds().get(0), start);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private Run awaitDelivered(Map<String, Long> acceptedAt, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acceptedAt.size() < count || !deliveredAt.keySet().containsAll(acceptedAt.keySet())) {
            if (failure.get() != null) {
                throw new IllegalStateException(
                        "end-to-end run failed: " + failure.get().getMessage(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "end-to-end run timed out: " + acceptedAt.size() + " of " + count + " accepted");
            }
            Thread.sleep(2);
        }
        Latencies latencies = new Latencies();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map.Entry<String, Long> e : acceptedAt.entrySet()) {
            long done = deliveredAt.get(e.getKey());
            latencies.add(done - e.getValue());
            first = Math.min(first, e.getValue());
            last = Math.max(last, done);
        }
        return new Run(count, count / ((last - first) / 1e9), latencies.percentileMs(50), latencies.percentileMs(99));
    }

    /** Every DELIVERED event must stand for a file in an inbox: count them. */
    private void checkFiles() throws IOException {
        long files;
        try (Stream<Path> walk = Files.walk(workspaces)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
                    .count();
        }
        if (files != deliveredAt.size()) {
            throw new IllegalStateException(
                    deliveredAt.size() + " messages reported delivered but " + files + " inbox files found");
        }
    }
}
