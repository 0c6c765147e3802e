package dev.switchboard.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's own record of the jobs it took on, so a job the broker gives it again (after the node crashed before
 * acknowledging it) is never typed into a window twice. Each step is committed (SQLite, synchronous=FULL)
 * before the node acts on it: STARTED before touching the agent, DONE with the outcome right after.
 *
 * <p>Every agent of the node delivers on its own thread, and each of them waits for its step's commit. Steps
 * written while another commit runs are committed together in one transaction after it (one fsync for the lot,
 * not one each); a step returns only after the transaction holding it committed. Reads go through a connection
 * of their own and see every committed step.
 *
 * <p>A step may be committed without a sync of its own ({@code durable = false}): it is in the file when the call
 * returns (a killed node finds it), and the next durable commit puts it on the disk with itself (the log is
 * written in order). Only a power cut in between can take it back.
 */
final class DeliveredLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveredLog.class);

    enum Stage {
        STARTED,
        DONE,
        READ
    }

    /** What the node knows of a job. */
    record Entry(
            String id,
            Stage stage,
            boolean delivered,
            String method,
            boolean verified,
            String detail,
            boolean permanent) {}

    @FunctionalInterface
    private interface Step {
        void write(Connection db) throws SQLException;
    }

    private record Pending(Step step, boolean durable, CompletableFuture<Void> committed) {}

    /** The outcome of a job to record: delivered (how), or failed (why, and whether a retry may type again). */
    record Done(String id, boolean delivered, String method, boolean verified, String detail, boolean permanent) {}

    private final Connection writeDb;
    private final Connection readDb;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final ReentrantLock committing = new ReentrantLock();
    private boolean closed;
    /** The write connection's synchronous setting: FULL, or NORMAL while a batch of non-durable steps commits. */
    private boolean syncFull = true;

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
    }

    synchronized Optional<Entry> find(String id) throws SQLException {
        try (PreparedStatement p = readDb.prepareStatement(
                "SELECT stage, delivered, method, verified, detail, permanent FROM jobs WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(
                        id,
                        Stage.valueOf(rs.getString(1)),
                        rs.getInt(2) == 1,
                        rs.getString(3),
                        rs.getInt(4) == 1,
                        rs.getString(5),
                        rs.getInt(6) == 1));
            }
        }
    }

    void started(String id, String agent) throws SQLException {
        started(List.of(id), agent, true);
    }

    /**
     * STARTED for each job, in one commit. @param durable false only where a lost STARTED costs nothing: a job no
     * method types (a redelivery writes the same inbox file, whose name carries the id)
     */
    void started(List<String> ids, String agent, boolean durable) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        commit(
                db -> {
                    try (PreparedStatement p = db.prepareStatement(
                            "INSERT INTO jobs (id, agent, stage, updated) VALUES (?, ?, 'STARTED', ?)"
                                    + " ON CONFLICT(id) DO UPDATE SET stage = 'STARTED', updated = excluded.updated")) {
                        for (String id : ids) {
                            p.setString(1, id);
                            p.setString(2, agent);
                            p.setLong(3, now);
                            p.executeUpdate();
                        }
                    }
                },
                durable);
    }

    void done(String id, boolean delivered, String method, boolean verified, String detail, boolean permanent)
            throws SQLException {
        done(List.of(new Done(id, delivered, method, verified, detail, permanent)));
    }

    /** The outcomes of several jobs, in one commit. */
    void done(List<Done> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        commit(
                db -> {
                    try (PreparedStatement p =
                            db.prepareStatement("UPDATE jobs SET stage = 'DONE', delivered = ?, method = ?,"
                                    + " verified = ?, detail = ?, permanent = ?, updated = ? WHERE id = ?")) {
                        for (Done d : outcomes) {
                            p.setInt(1, d.delivered() ? 1 : 0);
                            p.setString(2, d.method());
                            p.setInt(3, d.verified() ? 1 : 0);
                            p.setString(4, d.detail());
                            p.setInt(5, d.permanent() ? 1 : 0);
                            p.setLong(6, now);
                            p.setString(7, d.id());
                            p.executeUpdate();
                        }
                    }
                },
                true);
    }

    /** A failed job may come back (the hub retries it): it is delivered afresh then. */
    void forget(String id) throws SQLException {
        forget(List.of(id));
    }

    void forget(List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        commit(
                db -> {
                    try (PreparedStatement p = db.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                        for (String id : ids) {
                            p.setString(1, id);
                            p.executeUpdate();
                        }
                    }
                },
                true);
    }

    void read(String id) throws SQLException {
        long now = System.currentTimeMillis();
        commit(
                db -> {
                    try (PreparedStatement p =
                            db.prepareStatement("UPDATE jobs SET stage = 'READ', updated = ? WHERE id = ?")) {
                        p.setLong(1, now);
                        p.setString(2, id);
                        p.executeUpdate();
                    }
                },
                true);
    }

    /**
     * Returns once the step is committed; throws if it is not (then it may or may not be in the file). The caller
     * that finds no commit running commits every step waiting at that moment, its own among them; steps added
     * while a commit runs wait for it and go together in the next one. No thread of its own: a lone step costs
     * no hand-over to another thread.
     */
    private void commit(Step step, boolean durable) throws SQLException {
        Pending mine = new Pending(step, durable, new CompletableFuture<>());
        waiting.add(mine);
        committing.lock();
        try {
            if (!mine.committed().isDone()) {
                commitWaiting();
            }
        } finally {
            committing.unlock();
        }
        try {
            mine.committed().join(); // done: by this caller or by the one that held the lock before
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            throw c instanceof SQLException s ? s : new SQLException("node job log: " + c.getMessage(), c);
        }
    }

    /** Under {@link #committing}: every step waiting now, in one transaction. */
    private void commitWaiting() {
        List<Pending> batch = new ArrayList<>();
        waiting.drainTo(batch);
        try {
            if (closed) {
                throw new SQLException("the node's job log is closed");
            }
            try (Statement s = writeDb.createStatement()) {
                // One durable step makes the whole transaction durable (and with it every earlier one).
                boolean full = batch.stream().anyMatch(Pending::durable);
                if (full != syncFull) {
                    s.execute(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
                    syncFull = full;
                }
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
            // Steps are row writes that only a broken disk or file fails: the whole batch fails, and each
            // agent hands its job back to the broker (nothing is reported that was not recorded).
            batch.forEach(p -> p.committed().completeExceptionally(e));
        }
    }

    private static void rollback(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        committing.lock();
        try {
            closed = true;
            commitWaiting(); // fails what still waits: nobody is left waiting
        } finally {
            committing.unlock();
        }
        for (Connection c : List.of(writeDb, readDb)) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("closing the node's job log: {}", e.getMessage());
            }
        }
    }
}
