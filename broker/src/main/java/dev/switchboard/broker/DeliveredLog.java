package dev.switchboard.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A node's own record of the jobs it took on, so a job the broker gives it again (after the node crashed before
 * acknowledging it) is never typed into a window twice. Each step is committed (SQLite, synchronous=FULL)
 * before the node acts on it: STARTED before touching the agent, DONE with the outcome right after.
 */
final class DeliveredLog implements AutoCloseable {
    enum Stage { STARTED, DONE, READ }

    /** What the node knows of a job. */
    record Entry(String id, Stage stage, boolean delivered, String method, boolean verified, String detail,
                 boolean permanent) {
    }

    private final Connection db;

    DeliveredLog(Path file) throws SQLException {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, agent TEXT NOT NULL, stage TEXT NOT NULL,"
                    + " delivered INTEGER NOT NULL DEFAULT 0, method TEXT, verified INTEGER NOT NULL DEFAULT 0,"
                    + " detail TEXT, permanent INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL)");
        }
    }

    synchronized Optional<Entry> find(String id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT stage, delivered, method, verified, detail, permanent FROM jobs WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(id, Stage.valueOf(rs.getString(1)), rs.getInt(2) == 1, rs.getString(3),
                        rs.getInt(4) == 1, rs.getString(5), rs.getInt(6) == 1));
            }
        }
    }

    synchronized void started(String id, String agent) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO jobs (id, agent, stage, updated) VALUES (?, ?, 'STARTED', ?)"
                        + " ON CONFLICT(id) DO UPDATE SET stage = 'STARTED', updated = excluded.updated")) {
            p.setString(1, id);
            p.setString(2, agent);
            p.setLong(3, System.currentTimeMillis());
            p.executeUpdate();
        }
    }

    synchronized void done(String id, boolean delivered, String method, boolean verified, String detail,
                           boolean permanent) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET stage = 'DONE', delivered = ?, method = ?,"
                + " verified = ?, detail = ?, permanent = ?, updated = ? WHERE id = ?")) {
            p.setInt(1, delivered ? 1 : 0);
            p.setString(2, method);
            p.setInt(3, verified ? 1 : 0);
            p.setString(4, detail);
            p.setInt(5, permanent ? 1 : 0);
            p.setLong(6, System.currentTimeMillis());
            p.setString(7, id);
            p.executeUpdate();
        }
    }

    /** A failed job may come back (the hub retries it): it is delivered afresh then. */
    synchronized void forget(String id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }

    synchronized void read(String id) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET stage = 'READ', updated = ? WHERE id = ?")) {
            p.setLong(1, System.currentTimeMillis());
            p.setString(2, id);
            p.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(DeliveredLog.class).warn("closing the node's job log: {}",
                    e.getMessage());
        }
    }
}
