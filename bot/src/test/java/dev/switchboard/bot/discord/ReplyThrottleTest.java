package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplyThrottleTest {

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oneReplyPerUserPerWindow() {
        ManualClock clock = new ManualClock();
        ReplyThrottle throttle = new ReplyThrottle(clock, Duration.ofSeconds(10));

        assertTrue(throttle.tryReply("alice"));
        assertFalse(throttle.tryReply("alice"));
        assertTrue(throttle.tryReply("bob"), "users are independent");

        clock.now = clock.now.plusSeconds(9);
        assertFalse(throttle.tryReply("alice"));
        clock.now = clock.now.plusSeconds(1);
        assertTrue(throttle.tryReply("alice"));
    }
}
