package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final SendWindow window = new SendWindow(3, Duration.ofSeconds(30), now::get);

    @Test
    void allowsTheLimitPerWindowThenWaitsForTheOldestToAgeOut() {
        assertTrue(window.tryAcquire());
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(window.tryAcquire());
        assertTrue(window.tryAcquire());
        assertFalse(window.tryAcquire());
        assertEquals(0, window.free());
        assertEquals(Duration.ofSeconds(20).toNanos(), window.nanosUntilFree());

        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(1, window.free());
        assertTrue(window.tryAcquire());
        assertFalse(window.tryAcquire());
    }

    @Test
    void aLineCountsFromWhenItWasSentNotFromWhenItsSlotWasTaken() {
        // GIVEN a slot taken at t, whose line took 5 s to leave
        assertTrue(window.tryAcquire());
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        window.sent();
        assertTrue(window.tryAcquire());
        window.sent();
        assertTrue(window.tryAcquire());
        window.sent();

        // WHEN a period has passed since the slot, but not since the line left THEN no slot is free yet
        now.addAndGet(Duration.ofSeconds(25).toNanos());
        assertEquals(0, window.free());
        assertEquals(Duration.ofSeconds(5).toNanos(), window.nanosUntilFree());
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(window.tryAcquire());
    }
}
