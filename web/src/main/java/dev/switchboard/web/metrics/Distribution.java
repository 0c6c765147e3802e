package dev.switchboard.web.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A latency distribution in milliseconds: count, percentiles and counts per bucket (for a histogram chart).
 *
 * @param buckets upper bounds in ms with how many samples fell at or below each and above the previous one;
 *                the last bucket's bound is null (everything above)
 */
public record Distribution(long count, Long p50, Long p90, Long p99, Long max, List<Bucket> buckets) {
    public record Bucket(Long le, long count) {}

    static final long[] BOUNDS_MS = {
        5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 3_600_000
    };

    static Distribution of(long[] samples) {
        long[] s = samples.clone();
        Arrays.sort(s);
        List<Bucket> buckets = new ArrayList<>();
        int i = 0;
        for (long bound : BOUNDS_MS) {
            int start = i;
            while (i < s.length && s[i] <= bound) {
                i++;
            }
            buckets.add(new Bucket(bound, i - start));
        }
        buckets.add(new Bucket(null, s.length - i));
        if (s.length == 0) {
            return new Distribution(0, null, null, null, null, buckets);
        }
        return new Distribution(s.length, pct(s, 50), pct(s, 90), pct(s, 99), s[s.length - 1], buckets);
    }

    static Long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
