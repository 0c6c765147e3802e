package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Looking messages up, on either connection: the writer's (inside an operation) or the reader's. */
final class Rows {
    /** Cached prepared statements of one connection; callers never close what they get. */
    @FunctionalInterface
    interface Statements {
        PreparedStatement get(String sql) throws SQLException;
    }

    private Rows() {}

    static Row load(Statements sql, String id) throws SQLException {
        PreparedStatement p = sql.get(Row.SELECT + " WHERE id = ?");
        p.setString(1, id);
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                throw new UnknownMessageException("no message with id " + id);
            }
            return Row.read(rs);
        }
    }

    /** Full id, or a unique short form (the last or first characters of the id). */
    static Row loadFlexible(Statements sql, String idOrShort) throws SQLException {
        String key = idOrShort.trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("#")) {
            key = key.substring(1);
        }
        if (!key.matches("[0-9a-f-]{4,36}")) {
            throw new UnknownMessageException("'" + idOrShort + "' is not a message id (e.g. #3f2a or a full id)");
        }
        if (key.length() == 36) {
            return load(sql, key);
        }
        List<Row> found = new ArrayList<>();
        PreparedStatement p = sql.get(Row.SELECT + " WHERE id LIKE ? OR id LIKE ? ORDER BY m.seq DESC LIMIT 2");
        p.setString(1, "%" + key);
        p.setString(2, key + "%");
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                found.add(Row.read(rs));
            }
        }
        if (found.isEmpty()) {
            throw new UnknownMessageException("no message matches #" + key);
        }
        if (found.size() > 1) {
            throw new UnknownMessageException("#" + key + " matches several messages; give more of the id");
        }
        return found.get(0);
    }

    static boolean isPaused(Statements sql, String agent) throws SQLException {
        PreparedStatement p = sql.get("SELECT 1 FROM paused_agents WHERE agent = ?");
        p.setString(1, agent);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next();
        }
    }

    static MessageState state(String s) {
        return s == null ? null : MessageState.valueOf(s);
    }

    static Boolean bool(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v != 0;
    }
}
