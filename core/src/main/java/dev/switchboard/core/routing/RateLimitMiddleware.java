package dev.switchboard.core.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per-user sliding window: at most {@code perUser} messages in {@code perSeconds}. Local users (console,
 * CLI) and the system itself are not limited. Idle users' windows expire from memory.
 */
public final class RateLimitMiddleware implements Middleware {
    /** The current limit; read on every check so a config reload applies at once. */
    public record Limit(int perUser, int perSeconds) {}

    private static final Set<Platform> EXEMPT =
            EnumSet.of(Platform.CONSOLE, Platform.CLI, Platform.SYSTEM, Platform.AGENT);

    private final Supplier<Limit> limit;
    private final Clock clock;
    /**
     * Built when the first limited user sends: a CLI call (exempt) then never builds it, and building a
     * Caffeine cache costs a short CLI call several milliseconds.
     */
    private volatile Cache<String, Deque<Long>> windows;

    public RateLimitMiddleware(Supplier<Limit> limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public void check(UnifiedMessage message) {
        if (EXEMPT.contains(message.sender().platform())) {
            return;
        }
        Limit l = limit.get();
        String key = message.sender().platform() + ":" + message.sender().userId();
        long now = clock.millis();
        long windowStart = now - l.perSeconds() * 1000L;
        Deque<Long> times = windows().get(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= windowStart) {
                times.pollFirst();
            }
            if (times.size() >= l.perUser()) {
                long waitSeconds = Math.max(1, (times.peekFirst() - windowStart + 999) / 1000);
                throw new RejectedException(
                        RejectedException.Reason.RATE_LIMITED,
                        "slow down: at most " + l.perUser() + " messages per " + l.perSeconds() + " s; try again in "
                                + waitSeconds + " s");
            }
            times.addLast(now);
        }
    }

    private Cache<String, Deque<Long>> windows() {
        Cache<String, Deque<Long>> w = windows;
        if (w == null) {
            synchronized (this) {
                w = windows;
                if (w == null) {
                    w = Caffeine.newBuilder()
                            .expireAfterAccess(Duration.ofMinutes(10))
                            .maximumSize(100_000)
                            .build();
                    windows = w;
                }
            }
        }
        return w;
    }
}
