package dev.switchboard.core.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every wait on the queue writer is bounded: a writer that hangs (a disk that stops answering) must not take
 * every caller's thread with it. A wait that ends without an answer cannot say whether the change was made.
 */
public final class QueueWaits {
    /** Far above a busy timeout (10 s) plus a slow fsync; only a writer that no longer answers reaches it. */
    public static final Duration LIMIT = Duration.ofSeconds(60);

    private QueueWaits() {}

    /** The future's value; its failure as the unchecked exception it was. */
    public static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknownException("interrupted while waiting for the queue", e);
        } catch (TimeoutException e) {
            throw new OutcomeUnknownException("the queue did not answer within " + LIMIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new QueueException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
