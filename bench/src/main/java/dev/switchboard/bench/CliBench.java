package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal CLI as agents and scripts use it, each call a new process as from a shell: wall time of
 * {@code status} and {@code send}, the bare JVM's start ({@code java -version}, the floor no CLI call can go
 * under), and how long a CLI send takes from its commit to delivered (and to delivering) in a service running
 * beside it. The first call, which writes the CLI's class-data archive when there is none, is not measured.
 */
final class CliBench implements BenchSection {
    private static final Pattern ID = Pattern.compile("\\(id ([0-9a-f-]{36})\\)");
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    @Override
    public String key() {
        return "cli";
    }

    @Override
    public JsonNode run(Path workDir, boolean quick) throws Exception {
        int calls = quick ? 3 : 20;
        Path config = workDir.resolve("switchboard.yaml");
        // No web server: the CLI never uses it, and a fixed port taken by a running Switchboard would stop the
        // service this bench starts beside the CLI calls.
        Files.writeString(
                config, "data_dir: ./data\nworkspaces: ./workspaces\nweb: {enabled: false}\nagents: [{id: Agent-1}]\n");
        List<String> base = List.of("--config", config.toString());

        call(workDir, ServiceCommand.cli(concat(base, "status"))); // warm-up: writes the CLI archive
        Latencies floor = new Latencies();
        Latencies status = new Latencies();
        Latencies send = new Latencies();
        List<String> java = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-version");
        for (int i = 0; i < calls; i++) {
            floor.add(call(workDir, java).nanos());
            status.add(call(workDir, ServiceCommand.cli(concat(base, "status"))).nanos());
            send.add(call(workDir, ServiceCommand.cli(concat(base, "send", "Agent-1", "bench " + i)))
                    .nanos());
        }

        Latencies toDelivering = new Latencies();
        Latencies toDelivered = new Latencies();
        besideTheService(workDir, config, base, calls, toDelivering, toDelivered);

        ObjectNode o = Report.JSON.createObjectNode();
        o.put("measured", true);
        o.put("calls", calls);
        o.put("status_p50_ms", Report.round2(status.percentileMs(50)));
        o.put("send_p50_ms", Report.round2(send.percentileMs(50)));
        o.put("jvm_floor_ms", Report.round2(floor.percentileMs(50)));
        o.put("cli_to_delivering_p50_ms", Report.round2(toDelivering.percentileMs(50)));
        o.put("cli_to_delivered_p50_ms", Report.round2(toDelivered.percentileMs(50)));
        o.put(
                "command",
                String.join(" ", ServiceCommand.cli(List.of()))
                        .replace(System.getProperty("java.class.path"), "<class path>"));
        o.put(
                "note",
                "wall time per call, each a new process; jvm_floor is 'java -version'; cli_to_* from the"
                        + " CLI's commit (queued) to delivering/delivered (inbox) in a service running beside it");
        return o;
    }

    /** Starts the service in this process, then times CLI sends (other processes) until each is delivered. */
    private static void besideTheService(
            Path workDir, Path config, List<String> base, int calls, Latencies toDelivering, Latencies toDelivered)
            throws Exception {
        Map<String, Map<MessageState, StatusEvent>> seen = new ConcurrentHashMap<>();
        var cfg = ConfigLoader.load(config);
        try (DataDirLock lock = DataDirLock.tryAcquire(cfg.dataDir()).orElseThrow();
                App app = App.startService(cfg, Secrets.from(Map.of()), App.Tuning.defaults())) {
            app.bus()
                    .subscribe(e -> seen.computeIfAbsent(e.messageId(), k -> new ConcurrentHashMap<>())
                            .put(e.to(), e));
            for (int i = 0; i < calls; i++) {
                Call sent = call(workDir, ServiceCommand.cli(concat(base, "send", "Agent-1", "beside " + i)));
                Matcher m = ID.matcher(sent.output());
                if (!m.find()) {
                    throw new IllegalStateException("send printed no id: " + sent.output());
                }
                Map<MessageState, StatusEvent> states = awaitDelivered(seen, m.group(1));
                StatusEvent queued = states.get(MessageState.QUEUED);
                long from = queued.at().toEpochMilli();
                toDelivering.add(TimeUnit.MILLISECONDS.toNanos(
                        states.get(MessageState.DELIVERING).at().toEpochMilli() - from));
                toDelivered.add(TimeUnit.MILLISECONDS.toNanos(
                        states.get(MessageState.DELIVERED).at().toEpochMilli() - from));
            }
        }
    }

    private static Map<MessageState, StatusEvent> awaitDelivered(
            Map<String, Map<MessageState, StatusEvent>> seen, String id) throws InterruptedException {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<MessageState, StatusEvent> states = seen.get(id);
            if (states != null && states.containsKey(MessageState.DELIVERED)) {
                return states;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the service did not deliver " + id + " within " + CALL_TIMEOUT);
    }

    private record Call(long nanos, String output) {}

    private static Call call(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        long nanos = System.nanoTime() - start;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(
                            " ", command.subList(Math.max(0, command.size() - 3), command.size()))
                    + " exited with " + p.exitValue() + ": " + output.strip());
        }
        return new Call(nanos, output);
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
