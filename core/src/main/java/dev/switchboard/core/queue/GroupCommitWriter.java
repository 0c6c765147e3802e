package dev.switchboard.core.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * that transaction committed. Each operation runs under its own savepoint, so one that fails (an illegal
 * transition, say) is rolled back alone and the rest of the batch still commits.
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
    private final BlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();
    private final Runnable afterCommit;
    private final Thread thread;
    private volatile boolean closing;

    GroupCommitWriter(Connection connection, Runnable afterCommit) throws SQLException {
        this.connection = connection;
        this.afterCommit = afterCommit;
        // Transactions are begun and ended by hand: with autoCommit off, the driver would open the next
        // (IMMEDIATE, so write-locking) transaction right after each commit and block other processes.
        connection.setAutoCommit(true);
        this.thread = new Thread(this::loop, "queue-writer");
        thread.setDaemon(true);
        thread.start();
    }

    <T> CompletableFuture<T> submit(Op<T> op) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closing) {
            future.completeExceptionally(new QueueClosedException());
            return future;
        }
        tasks.add(new Task<>(op, future));
        return future;
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] errors = new Throwable[batch.size()];
        try (Statement tx = connection.createStatement()) {
            tx.execute("BEGIN IMMEDIATE");
            try {
                for (int i = 0; i < batch.size(); i++) {
                    tx.execute("SAVEPOINT op");
                    try {
                        results[i] = batch.get(i).op().run(connection);
                        tx.execute("RELEASE op");
                    } catch (SQLException | RuntimeException e) {
                        tx.execute("ROLLBACK TO op");
                        tx.execute("RELEASE op");
                        errors[i] = e;
                    }
                }
                tx.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    tx.execute("ROLLBACK");
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
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the queue database", e);
        }
    }
}
