package dev.switchboard.bench;

import java.io.PrintStream;

/** Progress lines on stderr while the benchmark runs (stdout carries only the JSON). */
final class Progress {
    private final PrintStream err;
    private final long start = System.nanoTime();

    Progress(PrintStream err) {
        this.err = err;
    }

    void say(String format, Object... args) {
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf("[bench %6.1fs] %s%n", seconds, String.format(java.util.Locale.ROOT, format, args));
        err.flush();
    }
}
