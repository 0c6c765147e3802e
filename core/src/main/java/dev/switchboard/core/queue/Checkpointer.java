package dev.switchboard.core.queue;

import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.loop.FailureLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database on its own thread and connection. Left to SQLite, the
 * commit that crosses the WAL's size limit runs the checkpoint itself — two more fsyncs and megabytes of
 * writes inside one producer's enqueue, the queue's worst latency. Here the writer never checkpoints
 * ({@code wal_autocheckpoint=0}); this thread does a PASSIVE checkpoint at most every
 * {@link #INTERVAL_MILLIS} while commits happen, which runs beside the writer without blocking it. If the log still grows past {@link #RESTART_FRAMES} under sustained
 * load, a RESTART checkpoint briefly waits for the writer so the log starts over.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    /** Lets commits gather (a checkpoint costs two fsyncs however little it copies). */
    static final long INTERVAL_MILLIS = 250;
    /** About 256 MB: beyond this the log is made to start over even if the writer must wait. */
    static final int RESTART_FRAMES = 64_000;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nudged = lock.newCondition();
    private final BackgroundLoop loop;
    private final FailureLog failures = new FailureLog(LOG, "the WAL checkpoint");
    private long commits;
    private volatile boolean running = true;

    Checkpointer(Connection connection) {
        this.connection = connection;
        this.loop = BackgroundLoop.named("queue-checkpoint")
                .log(LOG)
                .atExit(this::closeConnection)
                .start(this::pass);
    }

    /** A commit happened (called on the writer thread; must not block for long). */
    void committed() {
        lock.lock();
        try {
            if (commits++ == 0) {
                nudged.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for commits, lets more gather for a moment, then checkpoints once. */
    private void pass() throws InterruptedException {
        lock.lock();
        try {
            while (commits == 0 && running) {
                nudged.await();
            }
            if (running) {
                nudged.await(INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            }
            commits = 0;
        } finally {
            lock.unlock();
        }
        if (running) {
            checkpoint();
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the checkpoint connection: {}", e.getMessage());
        }
    }

    /** One pass: PASSIVE when the log is long enough, RESTART when it is far too long. */
    void checkpoint() {
        try (Statement s = connection.createStatement()) {
            int[] passive = run(s, "PASSIVE");
            if (passive[1] >= RESTART_FRAMES) {
                run(s, "RESTART");
            }
            failures.succeeded();
        } catch (SQLException e) {
            if (running) {
                failures.failed(e); // retried after the next commits; logged once while it keeps failing
            }
        }
    }

    /** @return {busy, frames in the log, frames checkpointed} */
    private static int[] run(Statement s, String mode) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)} : new int[3];
        }
    }

    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            nudged.signal();
        } finally {
            lock.unlock();
        }
        loop.stop();
    }
}
