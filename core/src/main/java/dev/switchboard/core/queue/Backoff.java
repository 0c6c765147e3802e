package dev.switchboard.core.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many
 * messages after one outage spread out instead of hammering the agent together.
 */
public record Backoff(long baseMillis, long maxMillis) {
    public Duration delayBefore(int attempt, RandomGenerator random) {
        int exponent = Math.max(0, Math.min(attempt - 1, 30));
        long raw = Math.min(maxMillis, baseMillis * (1L << exponent));
        long half = raw / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
