package dev.switchboard.core.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops hammering something that keeps failing: after {@code threshold} consecutive failures it opens and
 * refuses calls for {@code coolDown}; then it lets one trial call through (half-open); a success closes it,
 * a failure opens it again.
 */
public final class CircuitBreaker {
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    public synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plus(coolDown)) ? State.OPEN : State.HALF_OPEN;
    }

    /** @return whether a call may go ahead now (in half-open, only one trial at a time) */
    public synchronized boolean tryAcquire() {
        return switch (state()) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void recordSuccess() {
        failures = 0;
        openedAt = null;
        trialInFlight = false;
    }

    public synchronized void recordFailure() {
        trialInFlight = false;
        failures++;
        if (openedAt != null || failures >= threshold) {
            openedAt = clock.instant();
        }
    }

    /** When an open breaker will let a trial through. */
    public synchronized Instant retryAt() {
        return openedAt == null ? clock.instant() : openedAt.plus(coolDown);
    }
}
