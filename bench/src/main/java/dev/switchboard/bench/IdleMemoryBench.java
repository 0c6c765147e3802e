package dev.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of an idle {@code switchboard run --no-console} with the default eight agents: started as
 * a child process in an empty folder (so it uses the built-in default config and its own data), left to
 * settle, VmRSS read from {@code /proc/<pid>/status} a few times (the highest is reported), then stopped with
 * SIGTERM as systemd would.
 */
final class IdleMemoryBench {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    record Result(double rssMb, String command, boolean cdsArchive) {}

    private IdleMemoryBench() {}

    /**
     * @param command    how to start the service (the launcher, or java with the launcher's flags)
     * @param cdsArchive the launcher's class-data archive; when missing, one warm-up start creates it first
     *                   (as a user's first clean stop does), so the figure is that of every later start
     */
    static Result run(RunCommandLine command, Path dir, Duration settle, Progress progress)
            throws IOException, InterruptedException {
        if (command.cdsArchive().isPresent()
                && !Files.exists(command.cdsArchive().get())) {
            progress.say("idle memory: first start creates the class-data archive (not measured)");
            measureOnce(command, Files.createDirectories(dir.resolve("warm-up")), Duration.ofSeconds(2));
        }
        double rss = measureOnce(command, Files.createDirectories(dir.resolve("measured")), settle);
        boolean cds = command.cdsArchive().map(Files::exists).orElse(false);
        return new Result(rss, command.display(), cds);
    }

    private static double measureOnce(RunCommandLine command, Path dir, Duration settle)
            throws IOException, InterruptedException {
        Path output = dir.resolve("run-output.txt");
        // The built-in default in every other respect; the web server takes any free port, so a service already
        // running on this machine (on 8765) does not stop the measurement. The port does not change the figure.
        Files.writeString(dir.resolve("switchboard.yaml"), "web: {port: 0}\n");
        ProcessBuilder pb = new ProcessBuilder(command.command())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        // The built-in default (8 inbox agents), no chat bridges: the idle service as shipped.
        env.keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
        env.putAll(command.environment());
        Process process = pb.start();
        try {
            awaitBanner(process, output);
            Thread.sleep(settle.toMillis());
            long maxKb = 0;
            for (int i = 0; i < 5; i++) {
                maxKb = Math.max(maxKb, vmRssKb(process.pid()));
                Thread.sleep(200);
            }
            return maxKb / 1024.0;
        } finally {
            process.destroy(); // SIGTERM: the service stops cleanly (and writes the class-data archive)
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitBanner(Process process, Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            if (text.contains("Switchboard running")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "switchboard run exited with " + process.exitValue() + ": " + text.strip());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("switchboard run did not start within " + START_TIMEOUT.toSeconds() + " s");
    }

    static long vmRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** How to start {@code switchboard run --no-console}. */
    record RunCommandLine(List<String> command, Map<String, String> environment, Optional<Path> cdsArchive) {
        /** The command without its class path, for people. */
        String display() {
            List<String> shown = new java.util.ArrayList<>(command);
            int cp = shown.indexOf("-cp");
            if (cp >= 0 && cp + 1 < shown.size()) {
                shown.set(cp + 1, "<class path>");
            }
            return String.join(" ", shown);
        }
    }
}
