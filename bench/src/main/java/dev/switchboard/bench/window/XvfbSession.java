package dev.switchboard.bench.window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A private Xvfb on a free display number, for benchmarking without touching anyone's real screen. */
final class XvfbSession implements AutoCloseable {

    private static final int FIRST = 90;
    private static final int LAST = 189;
    private static final long START_TIMEOUT_MS = 10_000;

    private final Process process;
    private final String display;

    private XvfbSession(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Whether the {@code Xvfb} program is installed (Debian package {@code xvfb}). */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "Xvfb"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts Xvfb on the first free display number from :90 and waits until it accepts connections. */
    public static XvfbSession start() throws IOException, InterruptedException {
        for (int n = FIRST; n <= LAST; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + START_TIMEOUT_MS * 1_000_000L;
            while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                Thread.sleep(20);
            }
            if (p.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                return new XvfbSession(p, ":" + n);
            }
            // Lost a race for this number (or it failed): stop it and try the next one.
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        throw new IOException("no free X display number between :" + FIRST + " and :" + LAST);
    }

    /** For {@code DISPLAY}, e.g. {@code :90}. */
    public String display() {
        return display;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
