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
}
