package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One row of {@code messages} as read. */
record Row(String id, MessageState state, int attempts, long notBefore, String method, Boolean verified,
           String lastError, long updatedAt, String payload) {
    /** Selects rows of {@code messages m} with their payload; callers add the {@code WHERE} (seq is {@code m.seq}). */
    static final String SELECT = "SELECT m.id, m.state, m.attempts, m.not_before, m.method, m.verified, m.last_error,"
            + " m.updated_at, p.payload FROM messages m JOIN payloads p ON p.seq = m.seq";

    static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), MessageState.valueOf(rs.getString(2)), rs.getInt(3), rs.getLong(4),
                rs.getString(5), Rows.bool(rs, 6), rs.getString(7), rs.getLong(8), rs.getString(9));
    }

    Row withState(MessageState newState, int newAttempts, long now) {
        return new Row(id, newState, newAttempts, notBefore, method, verified, lastError, now, payload);
    }

    QueuedMessage toQueued() {
        return new QueuedMessage(MessageCodec.decode(payload), state, attempts, Instant.ofEpochMilli(notBefore),
                method, verified, lastError, Instant.ofEpochMilli(updatedAt));
    }
}
