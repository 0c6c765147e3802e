package dev.switchboard.bot.twitch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * The global send budget: at most {@code limit} messages in any window of {@code period}, the way Twitch counts
 * (20 in 30 s for a normal account). Kept at or under twitch4j's own bucket of the same size, so twitch4j never
 * has to hold a message back, and lines leave in the order we queued them. Not thread-safe: one sender uses it.
 *
 * <p>Twitch counts lines when they arrive. A slot is taken before a line is handed to twitch4j, which sends it
 * later; so once it is known to be sent, {@link #sent} moves the slot's time to then. Otherwise a line that
 * left late and one sent a period after its slot could arrive less than a period apart (21 lines in 30 s were
 * seen on the wire with a limit of 20).
 */
final class SendWindow {
    private final int limit;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Long> sends = new ArrayDeque<>();

    public SendWindow(int limit, Duration period, LongSupplier nanoClock) {
        if (limit <= 0 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("limit and period must be positive");
        }
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Takes a slot if one is free now. */
    public boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        expire(now);
        if (sends.size() < limit) {
            sends.addLast(now);
            return true;
        }
        return false;
    }

    /**
     * The line of the newest slot is known to have left (or arrived) now: the window counts it from now. Call
     * it after each send, before the next {@link #tryAcquire}.
     */
    public void sent() {
        long now = nanoClock.getAsLong();
        if (!sends.isEmpty()) {
            sends.removeLast();
        }
        sends.addLast(now);
    }

    /** Slots free now. */
    public int free() {
        expire(nanoClock.getAsLong());
        return limit - sends.size();
    }

    /** How long until a slot frees up; 0 if one is free now. */
    public long nanosUntilFree() {
        long now = nanoClock.getAsLong();
        expire(now);
        if (sends.size() < limit) {
            return 0;
        }
        return Math.max(1, sends.peekFirst() + periodNanos - now);
    }

    private void expire(long now) {
        while (!sends.isEmpty() && now - sends.peekFirst() >= periodNanos) {
            sends.removeFirst();
        }
    }
}
