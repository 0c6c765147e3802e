package dev.switchboard.commands.alerts;

import java.time.Duration;
import java.time.Instant;

/** An alert fired or cleared; each happens once per condition. */
public record AlertEvent(Kind kind, Alert alert, Instant at) {
    public enum Kind {
        FIRED,
        CLEARED
    }

    /** The line front-ends post: "🚨 alert: …" or "✅ alert cleared after 12 min: …". */
    public String announcement() {
        if (kind == Kind.FIRED) {
            return "🚨 alert: " + alert.text();
        }
        long minutes = Duration.between(alert.since(), at).toMinutes();
        return "✅ alert cleared" + (minutes > 0 ? " after " + minutes + " min" : "") + ": " + alert.text();
    }
}
