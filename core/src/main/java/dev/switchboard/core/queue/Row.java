package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One row of {@code messages} as read, with its payload still encoded. */
record Row(
        String id,
        MessageState state,
        int attempts,
        long notBefore,
        String method,
        Boolean verified,
        String lastError,
        long updatedAt,
        String payload,
        String agent,
        String correlationId,
        long createdAt) {
    /** Selects rows of {@code messages m} with their payload; callers add the {@code WHERE} (seq is {@code m.seq}). */
    static final String SELECT = "SELECT m.id, m.state, m.attempts, m.not_before, m.method, m.verified, m.last_error,"
            + " m.updated_at, p.payload, m.agent, m.correlation_id, m.created_at"
            + " FROM messages m JOIN payloads p ON p.seq = m.seq";

    static Row read(ResultSet rs) throws SQLException {
        return new Row(
                rs.getString(1),
                MessageState.valueOf(rs.getString(2)),
                rs.getInt(3),
                rs.getLong(4),
                rs.getString(5),
                Rows.bool(rs, 6),
                rs.getString(7),
                rs.getLong(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getLong(12));
    }

    Row withState(MessageState newState, int newAttempts, long now) {
        return new Row(
                id,
                newState,
                newAttempts,
                notBefore,
                method,
                verified,
                lastError,
                now,
                payload,
                agent,
                correlationId,
                createdAt);
    }

    /** The message to deliver. @throws UnreadableMessageException when its payload cannot be decoded */
    QueuedMessage toDeliverable() {
        return queued(MessageCodec.decode(payload), lastError);
    }

    /**
     * For listings, look-ups and replies to admins: an unreadable payload is shown as an empty message built
     * from the row's own columns (id, agent, correlation), so one bad row never hides the others.
     */
    QueuedMessage toQueued() {
        try {
            return toDeliverable();
        } catch (UnreadableMessageException e) {
            return queued(placeholder(), UnreadableMessageException.REASON);
        }
    }

    /** What can still be said of a message whose payload is unreadable: the columns of its row. */
    UnifiedMessage placeholder() {
        Instant created = Instant.ofEpochMilli(createdAt);
        return new UnifiedMessage(
                id,
                correlationId,
                Sender.system("unreadable"),
                Recipient.agent(agent),
                MessageType.SYSTEM,
                null,
                "",
                null,
                null,
                Origin.of(Platform.SYSTEM),
                created,
                Instant.ofEpochMilli(notBefore));
    }

    private QueuedMessage queued(UnifiedMessage m, String error) {
        return new QueuedMessage(
                m,
                state,
                attempts,
                Instant.ofEpochMilli(notBefore),
                method,
                verified,
                error,
                Instant.ofEpochMilli(updatedAt));
    }
}
