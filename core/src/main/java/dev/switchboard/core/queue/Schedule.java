package dev.switchboard.core.queue;

import dev.switchboard.core.message.UnifiedMessage;
import java.time.Duration;
import java.time.Instant;

/**
 * A recurring message ({@code msg Agent-2 --every 1h …}): a copy of {@code template} is queued at
 * {@code nextAt}, then every {@code every}.
 *
 * @param id        time-ordered id (shown like a message's, e.g. {@code #3f2a})
 * @param agent     the agent the copies go to
 * @param every     the period
 * @param nextAt    when the next copy is queued
 * @param template  the message as it was accepted (sender, origin, priority, body)
 * @param createdAt when it was set
 * @param createdBy who set it
 * @param fired     copies queued so far
 */
public record Schedule(
        String id,
        String agent,
        Duration every,
        Instant nextAt,
        UnifiedMessage template,
        Instant createdAt,
        String createdBy,
        long fired) {

    /**
     * The first period boundary after {@code now}, counting from {@code due}: a schedule missed for several
     * periods (Switchboard was stopped) fires once, then keeps its rhythm.
     */
    public static long nextAfter(long due, long everyMillis, long now) {
        if (due > now) {
            return due;
        }
        long missed = (now - due) / everyMillis;
        return due + (missed + 1) * everyMillis;
    }

    /** "1h", "30m", "1d", "1h30m": the way the period was typed. */
    public static String describe(Duration d) {
        long s = d.toSeconds();
        StringBuilder b = new StringBuilder();
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            b.append(days).append('d');
        }
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        if (seconds > 0 || b.length() == 0) {
            b.append(seconds).append('s');
        }
        return b.toString();
    }
}
