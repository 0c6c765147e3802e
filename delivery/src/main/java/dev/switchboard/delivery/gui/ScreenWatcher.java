package dev.switchboard.delivery.gui;

import java.util.function.Predicate;

/** Waits for what the screen shows by polling one region: the only kind of wait GUI delivery does. */
final class ScreenWatcher {

    private final Desktop desktop;
    private final Region region;
    private final long pollMs;

    ScreenWatcher(Desktop desktop, Region region, long pollMs) {
        this.desktop = desktop;
        this.region = region;
        this.pollMs = pollMs;
    }

    Look capture() {
        return desktop.capture(region);
    }

    /**
     * Polls until a look satisfies {@code wanted} and the next capture looks the same (so a half-painted frame is
     * never taken for the result), or until the timeout.
     */
    Result waitFor(Predicate<Look> wanted, long timeoutMs) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutMs * 1_000_000L;
        Look last = capture();
        while (true) {
            if (wanted.test(last)) {
                Look confirm = capture();
                if (confirm.sameAs(last)) {
                    return new Result(true, confirm, elapsedMs(start));
                }
                last = confirm;
                continue;
            }
            if (System.nanoTime() >= deadline) {
                return new Result(false, last, elapsedMs(start));
            }
            Thread.sleep(pollMs);
            last = capture();
        }
    }

    /**
     * Watches for {@code durationMs} and returns the last look: for windows that were measured (by calibrate) to
     * keep changing for a while after a click. With 0 it is one capture.
     */
    Look settle(long durationMs) throws InterruptedException {
        long deadline = System.nanoTime() + durationMs * 1_000_000L;
        Look last = capture();
        while (System.nanoTime() < deadline) {
            Thread.sleep(pollMs);
            last = capture();
        }
        return last;
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    /** @param met whether the wanted look was seen; {@code look} is the last capture either way */
    record Result(boolean met, Look look, long elapsedMs) {}
}
