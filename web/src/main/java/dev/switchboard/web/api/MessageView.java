package dev.switchboard.web.api;

import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** One message as the API shows it; {@code history} only for the single-message endpoint. */
public record MessageView(
        String id,
        String shortId,
        String correlationId,
        String agent,
        String sender,
        String type,
        String priority,
        String state,
        int attempts,
        String method,
        Boolean verified,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant nextAttempt,
        String text,
        List<HistoryEntry> history) {

    public record HistoryEntry(
            long seq, String from, String to, Instant at, int attempt, String method, Boolean verified, String detail) {
        static HistoryEntry of(Transition t) {
            return new HistoryEntry(
                    t.seq(),
                    t.from() == null ? null : lower(t.from()),
                    lower(t.to()),
                    t.at(),
                    t.attempt(),
                    t.method(),
                    t.verified(),
                    t.detail());
        }
    }

    static MessageView of(QueuedMessage q, List<Transition> history) {
        return new MessageView(
                q.id(),
                "#" + dev.switchboard.core.message.MessageIds.shortForm(q.id()),
                q.message().correlationId(),
                q.agent(),
                q.message().sender().describe(),
                lower(q.message().type()),
                lower(q.message().priority()),
                lower(q.state()),
                q.attempts(),
                q.method(),
                q.verified(),
                q.lastError(),
                q.message().createdAt(),
                q.updatedAt(),
                q.nextAttempt(),
                q.message().body(),
                history == null ? null : history.stream().map(HistoryEntry::of).toList());
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
