package dev.switchboard.broker;

import dev.switchboard.core.loop.BackgroundLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's own record of the jobs it took on, so a job the broker gives it again (after the node crashed before
 * acknowledging it) is never typed into a window twice. Each step is committed (SQLite, synchronous=FULL)
 * before the node acts on it: STARTED before touching the agent, DONE with the outcome right after.
 *
 * <p>Every agent of the node delivers on its own thread, and each of them waits for its step's commit. One
 * writer thread commits what all of them wrote meanwhile in one transaction (one fsync for the lot, not one
 * each); a step returns only after the transaction holding it committed. Reads go through a connection of
 * their own and see every committed step.
 */
final class DeliveredLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveredLog.class);
    private static final int MAX_BATCH = 256;

    enum Stage { STARTED, DONE, READ }

    /** What the node knows of a job. */
    record Entry(String id, Stage stage, boolean delivered, String method, boolean verified, String detail,
                 boolean permanent) {
    }

    @FunctionalInterface
    private interface Step {
        void write(Connection db) throws SQLException;
    }

    private record Pending(Step step, CompletableFuture<Void> committed) {
    }

    /** Put in the queue by close(): wakes the writer at once. */
    private static final Pending WAKE = new Pending(db -> { }, new CompletableFuture<>());

    private final Connection writeDb;
    private final Connection readDb;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final List<Pending> batch = new ArrayList<>();
    private final BackgroundLoop writer;
    private volatile boolean closed;

    DeliveredLog(Path file) throws SQLException {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        writeDb = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = writeDb.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, agent TEXT NOT NULL, stage TEXT NOT NULL,"
                    + " delivered INTEGER NOT NULL DEFAULT 0, method TEXT, verified INTEGER NOT NULL DEFAULT 0,"
                    + " detail TEXT, permanent INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL)");
        }
        readDb = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = readDb.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
        }
        writer = BackgroundLoop.named("node-job-log").log(LOG).backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                .start(this::commitWaiting);
    }

    synchronized Optional<Entry> find(String id) throws SQLException {
        try (PreparedStatement p = readDb.prepareStatement(
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

    void started(String id, String agent) throws SQLException, InterruptedException {
        long now = System.currentTimeMillis();
        commit(db -> {
            try (PreparedStatement p = db.prepareStatement(
                    "INSERT INTO jobs (id, agent, stage, updated) VALUES (?, ?, 'STARTED', ?)"
                            + " ON CONFLICT(id) DO UPDATE SET stage = 'STARTED', updated = excluded.updated")) {
                p.setString(1, id);
                p.setString(2, agent);
                p.setLong(3, now);
                p.executeUpdate();
            }
        });
    }

    void done(String id, boolean delivered, String method, boolean verified, String detail, boolean permanent)
            throws SQLException, InterruptedException {
        long now = System.currentTimeMillis();
        commit(db -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET stage = 'DONE', delivered = ?, method = ?,"
                    + " verified = ?, detail = ?, permanent = ?, updated = ? WHERE id = ?")) {
                p.setInt(1, delivered ? 1 : 0);
                p.setString(2, method);
                p.setInt(3, verified ? 1 : 0);
                p.setString(4, detail);
                p.setInt(5, permanent ? 1 : 0);
                p.setLong(6, now);
                p.setString(7, id);
                p.executeUpdate();
            }
        });
    }

    /** A failed job may come back (the hub retries it): it is delivered afresh then. */
    void forget(String id) throws SQLException, InterruptedException {
        commit(db -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                p.setString(1, id);
                p.executeUpdate();
            }
        });
    }

    void read(String id) throws SQLException, InterruptedException {
        long now = System.currentTimeMillis();
        commit(db -> {
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET stage = 'READ', updated = ? WHERE id = ?")) {
                p.setLong(1, now);
                p.setString(2, id);
                p.executeUpdate();
            }
        });
    }

    /** Returns once the step is committed; throws if it is not (then it may or may not be in the file). */
    private void commit(Step step) throws SQLException, InterruptedException {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (closed) {
            throw new SQLException("the node's job log is closed");
        }
        pending.add(new Pending(step, committed));
        if (closed) {
            // Lost a race with close(), which may have failed what was waiting before this step was added.
            failWaiting(new SQLException("the node's job log is closed"));
        }
        try {
            committed.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof SQLException s ? s : new SQLException("node job log: " + c.getMessage(), c);
        }
    }

    /** The writer's pass: every step waiting now, in one transaction. */
    private void commitWaiting() throws InterruptedException {
        Pending first = closed ? pending.poll() : pending.poll(1, TimeUnit.SECONDS);
        if (first == null || first == WAKE) {
            return;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        batch.remove(WAKE);
        try {
            try (Statement s = writeDb.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    for (Pending p : batch) {
                        p.step().write(writeDb);
                    }
                    s.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollback(s, e);
                    throw e;
                }
            }
            batch.forEach(p -> p.committed().complete(null));
        } catch (SQLException | RuntimeException e) {
            // Steps are single-row writes that only a broken disk or file fails: the whole batch fails, and each
            // agent hands its job back to the broker (nothing is reported that was not recorded).
            batch.forEach(p -> p.committed().completeExceptionally(e));
        } finally {
            batch.clear();
        }
    }

    private static void rollback(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void failWaiting(SQLException why) {
        for (Pending p; (p = pending.poll()) != null; ) {
            p.committed().completeExceptionally(why);
        }
    }

    @Override
    public void close() {
        closed = true;
        pending.add(WAKE);
        writer.close();
        failWaiting(new SQLException("the node's job log is closed"));
        for (Connection c : List.of(writeDb, readDb)) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("closing the node's job log: {}", e.getMessage());
            }
        }
    }
}
