package dev.switchboard.core.events;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Sender;
import java.time.Instant;

/**
 * One persisted state change of one message, as front-ends see it.
 *
 * @param seq           position in the transition log (increasing)
 * @param messageId     the message
 * @param correlationId the request it belongs to (a broadcast's copies share it)
 * @param agent         the agent it is for
 * @param from          previous state, null when it was just queued
 * @param to            new state
 * @param attempt       delivery attempts so far
 * @param method        delivery method that delivered it ({@code gui}, {@code inbox}, {@code tmux}), or null
 * @param verified      for DELIVERED: whether delivery was verified; null otherwise
 * @param detail        why (failure reason, who cancelled, ...), or null
 * @param at            when it was persisted
 * @param sender        who sent the message
 * @param origin        where status goes back to
 */
public record StatusEvent(
        long seq,
        String messageId,
        String correlationId,
        String agent,
        MessageState from,
        MessageState to,
        int attempt,
        String method,
        Boolean verified,
        String detail,
        Instant at,
        Sender sender,
        Origin origin) {

    /** "delivered (inbox, verified)", "retry wait: window not found", "read". */
    public String describe() {
        StringBuilder b = new StringBuilder(to.label());
        if (to == MessageState.DELIVERED && method != null) {
            b.append(" (")
                    .append(method)
                    .append(", ")
                    .append(Boolean.TRUE.equals(verified) ? "verified" : "unverified")
                    .append(')');
        }
        if (detail != null && !detail.isBlank()) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }
}
