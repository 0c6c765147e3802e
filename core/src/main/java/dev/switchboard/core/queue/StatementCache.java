package dev.switchboard.core.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements of the writer connection, compiled once and reused: preparing an INSERT costs about as
 * much CPU as running it, and the single writer thread is what limits throughput under many producers.
 * Used only on the writer thread (no locking); callers must not close what they get.
 */
final class StatementCache implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The statement for {@code sql}, parameters cleared. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p != null) {
            try {
                p.clearParameters();
                return p;
            } catch (SQLException finalized) {
                // The driver finalizes a statement whose execution failed (a constraint, say): prepare it anew.
                p.close();
            }
        }
        p = connection.prepareStatement(sql);
        statements.put(sql, p);
        return p;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement p : statements.values()) {
            try {
                p.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        statements.clear();
        if (first != null) {
            throw first;
        }
    }
}
