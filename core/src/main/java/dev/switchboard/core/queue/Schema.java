package dev.switchboard.core.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The queue's tables. Versioned with {@code PRAGMA user_version} so later changes can migrate. */
final class Schema {
    static final int VERSION = 1;

    /** States a worker may still act on; the partial index covers exactly these rows. */
    static final String PENDING = "state IN ('QUEUED','RETRY_WAIT','DELIVERING')";

    private Schema() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS messages (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL UNIQUE,
                      correlation_id TEXT NOT NULL,
                      agent TEXT NOT NULL,
                      priority INTEGER NOT NULL,
                      state TEXT NOT NULL,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      not_before INTEGER NOT NULL,
                      lease_owner TEXT,
                      lease_until INTEGER,
                      method TEXT,
                      verified INTEGER,
                      last_error TEXT,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      payload TEXT NOT NULL)""");
            // Only pending rows are indexed for claiming: a million delivered rows cost nothing here.
            s.execute("CREATE INDEX IF NOT EXISTS messages_pending ON messages(agent, priority, seq) WHERE "
                    + PENDING);
            s.execute("""
                    CREATE TABLE IF NOT EXISTS transitions (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      message_id TEXT NOT NULL,
                      from_state TEXT,
                      to_state TEXT NOT NULL,
                      at INTEGER NOT NULL,
                      attempt INTEGER NOT NULL,
                      method TEXT,
                      verified INTEGER,
                      detail TEXT)""");
            s.execute("CREATE INDEX IF NOT EXISTS transitions_message ON transitions(message_id)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS paused_agents (
                      agent TEXT PRIMARY KEY,
                      at INTEGER NOT NULL,
                      by TEXT)""");
            s.execute("PRAGMA user_version = " + VERSION);
        }
    }
}
