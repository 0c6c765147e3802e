package dev.switchboard.core.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterThresholdConsecutiveFailuresOnly() {
        breaker.recordFailure();
        breaker.recordFailure();
        breaker.recordSuccess(); // resets the count
        breaker.recordFailure();
        breaker.recordFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());

        breaker.recordFailure();

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        assertEquals(clock.instant().plusSeconds(30), breaker.retryAt());
    }

    @Test
    void halfOpenLetsOneTrialThroughAndASuccessCloses() {
        tripOpen();
        clock.advance(Duration.ofSeconds(30));

        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire(), "the trial");
        assertFalse(breaker.tryAcquire(), "only one trial at a time");
        breaker.recordSuccess();

        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedTrialOpensItAgainForAFullCoolDown() {
        tripOpen();
        clock.advance(Duration.ofSeconds(31));
        assertTrue(breaker.tryAcquire());

        breaker.recordFailure();

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.tryAcquire());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0, Duration.ofSeconds(1), clock));
    }

    private void tripOpen() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure();
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    }
}
