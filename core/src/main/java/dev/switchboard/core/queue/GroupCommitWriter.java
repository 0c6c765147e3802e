package dev.switchboard.core.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    private record Task<T>(Op<T> op, CompletableFuture<T> future) {
        @SuppressWarnings("unchecked")
        void complete(Object value) {
            future.complete((T) value);
        }
    }

    private final Connection connection;
    private final StatementCache statements;
    private final BlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();
    private final Runnable afterCommit;
    private final Thread thread;
    private volatile boolean closing;
    private Throwable failure;

    GroupCommitWriter(Connection connection, Runnable afterCommit) throws SQLException {
        this.connection = connection;
        this.afterCommit = afterCommit;
        this.statements = new StatementCache(connection);
        // Transactions are begun and ended by hand: with autoCommit off, the driver would open the next
        // (IMMEDIATE, so write-locking) transaction right after each commit and block other processes.
        connection.setAutoCommit(true);
        this.thread = new Thread(this::loop, "queue-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A cached statement of the writer's connection; only for operations (they run on the writer thread). */
    PreparedStatement prepared(String sql) throws SQLException {
        return statements.get(sql);
    }

    <T> CompletableFuture<T> submit(Op<T> op) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new QueueClosedException());
            return future;
        }
        Task<T> task = new Task<>(op, future);
        tasks.add(task);
        // Lost a race with close(): the writer is gone and close() has drained the queue already.
        if (closing && !thread.isAlive() && tasks.remove(task)) {
            future.completeExceptionally(new QueueClosedException());
        }
        return future;
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                Task<?> first = tasks.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                tasks.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    private void runBatch(List<Task<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] errors = new Throwable[batch.size()];
        try {
            execute("BEGIN IMMEDIATE");
            try {
                if (runAll(batch, results) < 0) {
                    execute("COMMIT");
                } else {
                    execute("ROLLBACK");
                    if (batch.size() == 1) {
                        errors[0] = failure;
                    } else {
                        execute("BEGIN IMMEDIATE");
                        runEachUnderSavepoint(batch, results, errors);
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
            LOG.error("queue transaction failed; {} operations not committed", batch.size(), e);
            for (Task<?> t : batch) {
                t.future().completeExceptionally(new QueueException("could not commit to the queue database", e));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (errors[i] != null) {
                batch.get(i).future().completeExceptionally(errors[i]);
            } else {
                batch.get(i).complete(results[i]);
            }
        }
        afterCommit.run();
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
    private void runEachUnderSavepoint(List<Task<?>> batch, Object[] results, Throwable[] errors)
            throws SQLException {
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
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Task<?> t; (t = tasks.poll()) != null; ) {
            t.future().completeExceptionally(new QueueClosedException());
        }
    }
}
