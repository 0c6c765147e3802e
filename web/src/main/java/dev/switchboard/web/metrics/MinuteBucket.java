package dev.switchboard.web.metrics;

import java.util.HashMap;
import java.util.Map;

/** What happened in one minute. Guarded by the owning {@link FleetMetrics}. */
final class MinuteBucket {
    static final int MAX_SAMPLES = 5_000;

    final long minute;
    final Map<String, Long> deliveredByAgent = new HashMap<>();
    final Map<String, Long> deadByAgent = new HashMap<>();
    final Map<String, Long> retriesByAgent = new HashMap<>();
    final Map<String, Long> deliveredByMethod = new HashMap<>();
    final Map<String, Long> errorsByClass = new HashMap<>();
    final Map<Integer, Long> attemptsAtDelivery = new HashMap<>();
    long verified;
    long unverified;
    long read;
    long operatorRetries;
    long cancelled;
    final Map<Latency, long[]> samples = new HashMap<>();
    final Map<Latency, Integer> sampleCounts = new HashMap<>();

    MinuteBucket(long minute) {
        this.minute = minute;
    }

    void sample(Latency kind, long millis) {
        long[] arr = samples.computeIfAbsent(kind, k -> new long[64]);
        int n = sampleCounts.getOrDefault(kind, 0);
        if (n >= MAX_SAMPLES) {
            return; // a busy minute keeps its first samples: enough for its distribution
        }
        if (n == arr.length) {
            arr = java.util.Arrays.copyOf(arr, Math.min(MAX_SAMPLES, arr.length * 2));
            samples.put(kind, arr);
        }
        arr[n] = millis;
        sampleCounts.put(kind, n + 1);
    }

    long[] samples(Latency kind) {
        long[] arr = samples.get(kind);
        return arr == null ? new long[0] : java.util.Arrays.copyOf(arr, sampleCounts.get(kind));
    }

    long delivered() {
        return deliveredByAgent.values().stream().mapToLong(Long::longValue).sum();
    }

    long dead() {
        return deadByAgent.values().stream().mapToLong(Long::longValue).sum();
    }

    static void add(Map<String, Long> m, String key) {
        m.merge(key == null ? "unknown" : key, 1L, Long::sum);
    }
}
