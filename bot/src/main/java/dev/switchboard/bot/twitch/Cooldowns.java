package dev.switchboard.bot.twitch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-user cooldown: after a command of theirs is answered, a user's next ones are ignored for a while, so one
 * viewer cannot spend the channel's send budget. Remembers at most {@code maxUsers} users (oldest forgotten).
 */
final class Cooldowns {
    private final long cooldownNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Long> lastAnswered;

    public Cooldowns(Duration cooldown, LongSupplier nanoClock, int maxUsers) {
        this.cooldownNanos = cooldown.toNanos();
        this.nanoClock = nanoClock;
        this.lastAnswered = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxUsers;
            }
        };
    }

    /** Whether the user is past their cooldown; if so, their cooldown starts again now. */
    public synchronized boolean tryEnter(String userId) {
        long now = nanoClock.getAsLong();
        Long last = lastAnswered.get(userId);
        if (last != null && now - last < cooldownNanos) {
            return false;
        }
        lastAnswered.put(userId, now);
        return true;
    }
}
