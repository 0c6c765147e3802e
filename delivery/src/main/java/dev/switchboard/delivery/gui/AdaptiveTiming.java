package dev.switchboard.delivery.gui;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-agent timing that follows what is measured: starts from the calibrated timing (or the defaults) and, once
 * enough deliveries were seen, sets each timeout to a margin over the observed p95, never below the
 * calibrated value. A slow window thus gets more time; a fast one fails fast when it is truly broken.
 */
public final class AdaptiveTiming {

    static final int WINDOW = 64;
    static final int MIN_SAMPLES = 16;
    static final long FLOOR_MS = 250;
    static final long CEILING_MS = 10_000;

    private final TimingStore store;
    private final Map<String, Samples> paste = new ConcurrentHashMap<>();
    private final Map<String, Samples> submit = new ConcurrentHashMap<>();

    /** @param store calibrated timings, or null to use only defaults and measurement */
    public AdaptiveTiming(TimingStore store) {
        this.store = store;
    }

    public GuiTiming timingFor(String agentId) {
        GuiTiming calibrated = store == null ? null : store.get(agentId).orElse(null);
        GuiTiming base = calibrated != null ? calibrated : GuiTiming.DEFAULTS;
        long pasteTimeout = tuned(paste.get(agentId), base.pasteTimeoutMs(), calibrated != null);
        long submitTimeout = tuned(submit.get(agentId), base.submitTimeoutMs(), calibrated != null);
        return new GuiTiming(base.clickSettleMs(), pasteTimeout, submitTimeout, base.pollMs(), base.focusTimeoutMs());
    }

    public void recordPaste(String agentId, long ms) {
        paste.computeIfAbsent(agentId, k -> new Samples()).add(ms);
    }

    public void recordSubmit(String agentId, long ms) {
        submit.computeIfAbsent(agentId, k -> new Samples()).add(ms);
    }

    /** A timeout from samples: 4x the p95 plus 100 ms, clamped; the calibrated value stays a lower bound. */
    static long tuned(Samples samples, long base, boolean baseIsCalibrated) {
        if (samples == null || samples.count() < MIN_SAMPLES) {
            return base;
        }
        long measured = Math.min(CEILING_MS, Math.max(FLOOR_MS, 4 * samples.p95() + 100));
        return baseIsCalibrated ? Math.max(base, measured) : measured;
    }

    /** A ring of the last {@link #WINDOW} latencies. */
    static final class Samples {
        private final long[] ring = new long[WINDOW];
        private int next;
        private int count;

        synchronized void add(long ms) {
            ring[next] = ms;
            next = (next + 1) % WINDOW;
            count = Math.min(WINDOW, count + 1);
        }

        synchronized int count() {
            return count;
        }

        synchronized long p95() {
            long[] sorted = Arrays.copyOf(ring, count);
            Arrays.sort(sorted);
            return sorted[Math.min(count - 1, (int) Math.ceil(count * 0.95) - 1)];
        }
    }
}
