package dev.switchboard.bot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most one denial reply per user per window. Someone hammering the bot past their rate limit gets one
 * "slow down" message, then only ❌ reactions: the bot must not flood the channel (or Discord's own limits)
 * answering a flood.
 */
final class ReplyThrottle {
    private static final int MAX_USERS = 10_000;
    private final Clock clock;
    private final Duration window;
    private final Map<String, Instant> lastReply = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_USERS;
        }
    };

    public ReplyThrottle(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** @return true if a reply to this user may be sent now (and records it) */
    public synchronized boolean tryReply(String userId) {
        Instant now = clock.instant();
        Instant last = lastReply.get(userId);
        if (last != null && now.isBefore(last.plus(window))) {
            return false;
        }
        lastReply.put(userId, now);
        return true;
    }
}
