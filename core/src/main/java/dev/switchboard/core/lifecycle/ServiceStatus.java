package dev.switchboard.core.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * One service as the supervisor sees it.
 *
 * @param name      the service
 * @param state     its state
 * @param since     when it entered that state (uptime while RUNNING)
 * @param restarts  how often it was started again after a failure
 * @param lastError why it last failed, or null
 * @param retryAt   when the next start is tried (state FAILED), or null
 */
public record ServiceStatus(String name, State state, Instant since, int restarts, String lastError, Instant retryAt) {
    public enum State {
        STARTING,
        RUNNING,
        FAILED,
        GAVE_UP,
        STOPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** "discord  running 2h 3m · 1 restart" / "twitch  failed: … · next try in 8s". */
    public String describe(Instant now) {
        StringBuilder b = new StringBuilder(name).append("  ").append(state.label());
        if (state == State.RUNNING && since != null) {
            b.append(' ').append(duration(Duration.between(since, now)));
        }
        if (restarts > 0) {
            b.append(" · ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
        }
        if (state != State.RUNNING && lastError != null) {
            b.append(" · ").append(lastError);
        }
        if (state == State.FAILED && retryAt != null) {
            b.append(" · next try in ").append(duration(Duration.between(now, retryAt)));
        }
        return b.toString();
    }

    static String duration(Duration d) {
        if (d.toMillis() < 1_000) {
            return Math.max(0, d.toMillis()) + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3_600 + "h " + s % 3_600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3_600 + "h";
    }
}
