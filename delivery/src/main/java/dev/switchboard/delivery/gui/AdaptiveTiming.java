package dev.switchboard.delivery.gui;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-agent timing that follows what is measured: starts from the calibrated timing (or the defaults) and, once
 * enough deliveries were seen, sets each timeout to a margin over the observed p95, never below the
 * calibrated value nor below {@link #FLOOR_MS}. A slow window thus gets more time; a fast one fails sooner when
 * it is truly broken, but never so soon that a busy machine's slow paint counts as a miss. After a miss the
 * agent's timeouts are doubled (up to {@link #MAX_WIDENING}x), and narrowed again step by step after
 * {@link #SUCCESSES_TO_NARROW} deliveries in a row that showed in time.
 */
public final class AdaptiveTiming {

    static final int WINDOW = 64;
    static final int MIN_SAMPLES = 16;
    /**
     * No timeout goes below this, however fast the samples were: a few fast deliveries on a quiet machine say
     * nothing about a loaded one (a real Chromium paste took over 744 ms while the machine was busy). Waiting
     * this long only costs time when the paste truly did not show.
     */
    static final long FLOOR_MS = 1_500;

    static final long CEILING_MS = 10_000;
    static final int MAX_WIDENING = 4;
    static final int SUCCESSES_TO_NARROW = 32;

    private final TimingStore store;
    private final Map<String, Samples> paste = new ConcurrentHashMap<>();
    private final Map<String, Samples> submit = new ConcurrentHashMap<>();
    private final Map<String, Widening> widening = new ConcurrentHashMap<>();

    private final long floorMs;

    /** @param store calibrated timings, or null to use only defaults and measurement */
    public AdaptiveTiming(TimingStore store) {
        this(store, FLOOR_MS);
    }

    /** With another floor: for tests of what happens on a timeout, which need not wait a loaded machine's. */
    AdaptiveTiming(TimingStore store, long floorMs) {
        this.store = store;
        this.floorMs = floorMs;
    }

    /** Where calibrated values are kept, or null. */
    TimingStore store() {
        return store;
    }

    public GuiTiming timingFor(String agentId) {
        GuiTiming calibrated = store == null ? null : store.get(agentId).orElse(null);
        GuiTiming base = calibrated != null ? calibrated : GuiTiming.DEFAULTS;
        int factor = widening.getOrDefault(agentId, Widening.NONE).factor();
        long pasteTimeout = widen(tuned(paste.get(agentId), base.pasteTimeoutMs(), calibrated != null), factor);
        long submitTimeout = widen(tuned(submit.get(agentId), base.submitTimeoutMs(), calibrated != null), factor);
        return new GuiTiming(base.clickSettleMs(), pasteTimeout, submitTimeout, base.pollMs(), base.focusTimeoutMs());
    }

    public void recordPaste(String agentId, long ms) {
        paste.computeIfAbsent(agentId, k -> new Samples()).add(ms);
        widening.computeIfPresent(agentId, (k, w) -> w.afterSuccess());
    }

    /** A paste or a submit did not show within its timeout: give this agent's window more time from now on. */
    public void recordMiss(String agentId) {
        widening.merge(agentId, Widening.NONE.afterMiss(), (old, x) -> old.afterMiss());
    }

    private long widen(long timeout, int factor) {
        return factor == 1 ? timeout : Math.min(CEILING_MS, Math.max(timeout, floorMs) * factor);
    }

    /** How many times an agent's timeouts are doubled after misses, and its successes since the last change. */
    private record Widening(int factor, int successes) {
        static final Widening NONE = new Widening(1, 0);

        Widening afterMiss() {
            return new Widening(Math.min(MAX_WIDENING, factor * 2), 0);
        }

        Widening afterSuccess() {
            if (factor == 1 || successes + 1 < SUCCESSES_TO_NARROW) {
                return new Widening(factor, successes + 1);
            }
            return new Widening(factor / 2, 0);
        }
    }

    public void recordSubmit(String agentId, long ms) {
        submit.computeIfAbsent(agentId, k -> new Samples()).add(ms);
    }

    /**
     * A timeout from samples: 4x the p95 plus 100 ms, clamped to [floor, CEILING_MS]; the calibrated value
     * stays a lower bound.
     */
    long tuned(Samples samples, long base, boolean baseIsCalibrated) {
        if (samples == null || samples.count() < MIN_SAMPLES) {
            return Math.max(base, floorMs);
        }
        long measured = Math.min(CEILING_MS, Math.max(floorMs, 4 * samples.p95() + 100));
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
