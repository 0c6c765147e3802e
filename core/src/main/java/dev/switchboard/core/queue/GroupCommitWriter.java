package dev.switchboard.core.queue;

import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.loop.FailureLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the database. Concurrent callers' operations are drained into one
 * transaction, so one fsync serves many producers (group commit); each caller's future completes only after
 * that transaction committed. When an operation fails (an illegal transition, say) the batch is rolled back
 * and run again with each operation under its own savepoint, so the failure is rolled back alone and the
 * rest still commits; operations must therefore only touch the database. The writer owns its connection and
 * closes it when it stops.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;

    @FunctionalInterface
    interface Op<T> {
        T run(Connection connection) throws SQLException;
    }

    /** @param addsWork new work (a new message, a claim), refused while the disk is full; see {@link SpaceReserve} */
    private record Task<T>(Op<T> op, CompletableFuture<T> future, boolean addsWork) {
        @SuppressWarnings("unchecked")
        void complete(Object value) {
            future.complete((T) value);
        }
    }

    /** Put in the queue by close(): wakes the writer at once instead of at its next poll. */
    private static final Task<Object> WAKE = new Task<>(c -> null, new CompletableFuture<>(), false);

    private final Connection connection;
    private final StatementCache statements;
    private final BlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();
    private final Runnable afterCommit;
    private final FailureLog failures = new FailureLog(LOG, "the queue writer");
    private final FailureLog listenerFailures = new FailureLog(LOG, "a queue commit listener");
    private final List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
    private final BackgroundLoop loop;
    private volatile boolean closing;
    /** Set when the loop's thread has ended: every task from then on fails at once instead of waiting. */
    private volatile boolean stopped;

    private Throwable failure;
    /** Set once by the running service (the CLI keeps none); read and used on the writer's thread. */
    private volatile SpaceReserve reserve;

    GroupCommitWriter(Connection connection, Runnable afterCommit) throws SQLException {
        this.connection = connection;
        this.afterCommit = afterCommit;
        this.statements = new StatementCache(connection);
        // Transactions are begun and ended by hand: with autoCommit off, the driver would open the next
        // (IMMEDIATE, so write-locking) transaction right after each commit and block other processes.
        connection.setAutoCommit(true);
        this.loop = BackgroundLoop.named("queue-writer")
                .log(LOG)
                .backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                .atExit(this::exited)
                .start(this::pass);
    }

    /** A cached statement of the writer's connection; only for operations (they run on the writer thread). */
    PreparedStatement prepared(String sql) throws SQLException {
        return statements.get(sql);
    }

    /** Keeps {@code reserve} for a full disk from now on. */
    void keep(SpaceReserve reserve) {
        this.reserve = reserve;
    }

    /** An operation that finishes what is in flight (an outcome, a read receipt, an admin's change). */
    <T> CompletableFuture<T> submit(Op<T> op) {
        return submit(op, false);
    }

    /** An operation that adds work (a new message, a claim): while the disk is full it is refused at once. */
    <T> CompletableFuture<T> submitNewWork(Op<T> op) {
        return submit(op, true);
    }

    private <T> CompletableFuture<T> submit(Op<T> op, boolean addsWork) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closing || stopped) {
            future.completeExceptionally(refusal());
            return future;
        }
        Task<T> task = new Task<>(op, future, addsWork);
        tasks.add(task);
        // Lost a race with the end of the writer: it is gone and has drained the queue already.
        if (stopped && tasks.remove(task)) {
            future.completeExceptionally(refusal());
        }
        return future;
    }

    private QueueException refusal() {
        return closing
                ? new QueueClosedException()
                : new QueueException("the queue writer has stopped; restart Switchboard (see its log)");
    }

    /** One batch: what waits now, in one transaction. While closing, everything still queued. */
    private void pass() throws InterruptedException {
        do {
            Task<?> first = closing ? tasks.poll() : tasks.poll(50, TimeUnit.MILLISECONDS);
            if (first == null || first == WAKE) {
                return;
            }
            batch.add(first);
            tasks.drainTo(batch, MAX_BATCH - 1);
            // By identity: a record's equals would link its bootstrap method, about 10 ms of a CLI call.
            batch.removeIf(t -> t == WAKE);
            try {
                refuseNewWorkWhileTheDiskIsFull(batch);
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
            } catch (Throwable t) { // NOPMD: an Error must not leave this batch's callers waiting forever
                String what = "the queue writer failed: " + FailureLog.oneLine(t);
                QueueException told = rollbackQuietly()
                        ? new QueueException(what + "; nothing was stored", t)
                        : new OutcomeUnknownException(what, t);
                for (Task<?> task : batch) {
                    task.future().completeExceptionally(told);
                }
                throw t;
            } finally {
                batch.clear();
            }
        } while (closing);
    }

    /**
     * While the reserve is given up (the disk was full), new work is refused without touching the database, so
     * the space freed goes to the outcomes of what is in flight. Each batch first looks whether the disk has
     * room again.
     */
    private void refuseNewWorkWhileTheDiskIsFull(List<Task<?>> batch) {
        SpaceReserve r = reserve;
        if (r == null || !r.released() || r.tryRestore()) {
            return;
        }
        batch.removeIf(t -> {
            if (t.addsWork()) {
                t.future().completeExceptionally(new QueueException(QueueFailures.DISK_FULL));
                return true;
            }
            return false;
        });
    }

    /** On the writer's thread as it ends, however it ends: nobody is left waiting. */
    private void exited() {
        stopped = true;
        for (Task<?> t; (t = tasks.poll()) != null; ) {
            t.future().completeExceptionally(refusal()); // WAKE's future included: nobody waits on it
        }
        closeConnection();
    }

    private void runBatch(List<Task<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] errors = new Throwable[batch.size()];
        boolean committing = false;
        try {
            execute("BEGIN IMMEDIATE");
            try {
                if (runAll(batch, results) < 0) {
                    committing = true;
                    execute("COMMIT");
                } else {
                    execute("ROLLBACK");
                    if (batch.size() == 1) {
                        errors[0] = failure;
                    } else {
                        execute("BEGIN IMMEDIATE");
                        runEachUnderSavepoint(batch, results, errors);
                        committing = true;
                        execute("COMMIT");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            failures.failed(e); // the trace once per kind of failure, not once per retry of a full disk
            QueueException reported = QueueFailures.describe(e, committing);
            SpaceReserve r = reserve;
            if (r != null && QueueFailures.isDiskFull(e)) {
                r.release(); // this batch fails; its outcomes, written again, find room
            }
            for (Task<?> t : batch) {
                t.future().completeExceptionally(reported);
            }
            return;
        }
        failures.succeeded();
        for (int i = 0; i < batch.size(); i++) {
            if (errors[i] != null) {
                batch.get(i).future().completeExceptionally(errors[i]);
            } else {
                batch.get(i).complete(results[i]);
            }
        }
        try {
            afterCommit.run();
            listenerFailures.succeeded();
        } catch (RuntimeException e) {
            // Committed and reported already: a listener's failure is its own, never the writer's.
            listenerFailures.failed(e);
        }
    }

    /**
     * The common case: every operation succeeds, and none pays for a savepoint.
     *
     * @return the index of the first operation that failed (its error kept in {@link #failure}), or -1
     */
    private int runAll(List<Task<?>> batch, Object[] results) {
        for (int i = 0; i < batch.size(); i++) {
            try {
                results[i] = batch.get(i).op().run(connection);
            } catch (SQLException | RuntimeException e) {
                failure = e;
                return i;
            }
        }
        return -1;
    }

    /** After a failure the batch runs again, each operation under a savepoint so only failures roll back. */
    private void runEachUnderSavepoint(List<Task<?>> batch, Object[] results, Throwable[] errors) throws SQLException {
        for (int i = 0; i < batch.size(); i++) {
            execute("SAVEPOINT op");
            try {
                results[i] = batch.get(i).op().run(connection);
                execute("RELEASE op");
            } catch (SQLException | RuntimeException e) {
                execute("ROLLBACK TO op");
                execute("RELEASE op");
                results[i] = null;
                errors[i] = e;
            }
        }
    }

    /** @return whether an open transaction was rolled back (false: none was open, e.g. after COMMIT, or it failed) */
    private boolean rollbackQuietly() {
        try {
            execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            LOG.debug("rollback after a failed batch", e);
            return false;
        }
    }

    private void execute(String sql) throws SQLException {
        statements.get(sql).execute();
    }

    private void closeConnection() {
        try {
            statements.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the queue database", e);
        }
    }

    @Override
    public void close() {
        closing = true;
        tasks.add(WAKE);
        loop.stop();
        for (Task<?> t; (t = tasks.poll()) != null; ) {
            t.future().completeExceptionally(new QueueClosedException());
        }
    }
}
