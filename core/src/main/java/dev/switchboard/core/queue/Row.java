package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One row of {@code messages} as read. */
record Row(String id, MessageState state, int attempts, long notBefore, String method, Boolean verified,
           String lastError, long updatedAt, String payload) {
    static final String COLUMNS = "id, state, attempts, not_before, method, verified, last_error, updated_at, payload";

    static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), MessageState.valueOf(rs.getString(2)), rs.getInt(3), rs.getLong(4),
                rs.getString(5), SqliteMessageQueue.bool(rs, 6), rs.getString(7), rs.getLong(8), rs.getString(9));
    }

    Row withState(MessageState newState, int newAttempts, long now) {
        return new Row(id, newState, newAttempts, notBefore, method, verified, lastError, now, payload);
    }

    QueuedMessage toQueued() {
        return new QueuedMessage(MessageCodec.decode(payload), state, attempts, Instant.ofEpochMilli(notBefore),
                method, verified, lastError, Instant.ofEpochMilli(updatedAt));
    }
}
