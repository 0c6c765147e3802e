package dev.switchboard.web.events;

import dev.switchboard.core.events.StatusEvent;
import java.time.Instant;

/** A state change as the API and the SSE stream show it. */
public record StateEvent(
        long seq,
        String messageId,
        String correlationId,
        String agent,
        String from,
        String to,
        int attempt,
        String method,
        Boolean verified,
        String detail,
        Instant at,
        String sender,
        String text) {
    public static StateEvent of(StatusEvent e) {
        return new StateEvent(
                e.seq(),
                e.messageId(),
                e.correlationId(),
                e.agent(),
                e.from() == null ? null : e.from().name().toLowerCase(java.util.Locale.ROOT),
                e.to().name().toLowerCase(java.util.Locale.ROOT),
                e.attempt(),
                e.method(),
                e.verified(),
                e.detail(),
                e.at(),
                e.sender() == null ? null : e.sender().describe(),
                e.describe());
    }
}
