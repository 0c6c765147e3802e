package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(500, 8_000);

    @Test
    void delaysDoubleWithinEqualJitterBoundsAndStopAtTheCap() {
        Random random = new Random(42);
        long[] raw = {500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000};
        for (int attempt = 1; attempt <= raw.length; attempt++) {
            for (int i = 0; i < 200; i++) {
                long d = backoff.delayBefore(attempt, random).toMillis();
                long r = raw[attempt - 1];
                assertTrue(
                        d >= r / 2 && d <= r, "attempt " + attempt + ": " + d + " outside [" + r / 2 + ", " + r + "]");
            }
        }
    }

    @Test
    void jitterSpreadsRetriesOfManyMessages() {
        Random random = new Random(7);
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            distinct.add(backoff.delayBefore(3, random).toMillis());
        }
        assertTrue(distinct.size() > 50, "only " + distinct.size() + " distinct delays");
    }

    @Test
    void hugeAttemptNumbersAndZeroBaseDoNotOverflow() {
        assertTrue(backoff.delayBefore(1_000, new Random(1)).toMillis() <= 8_000);
        assertEquals(Duration.ZERO, new Backoff(0, 1_000).delayBefore(3, new Random(1)));
        assertEquals(Duration.ofMillis(250), backoff.delayBefore(0, () -> 0L), "attempt 0 is treated as the first");
    }
}
