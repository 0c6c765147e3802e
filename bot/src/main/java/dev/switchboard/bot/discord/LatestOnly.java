package dev.switchboard.bot.discord;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends updates one at a time, skipping to the newest when several arrive while one is in flight. For edits
 * of a slash command's reply: only the latest state matters, and edits must not overtake each other.
 */
final class LatestOnly<T> {
    private static final Logger LOG = LoggerFactory.getLogger(LatestOnly.class);
    private final Function<T, CompletableFuture<?>> sender;
    private T pending;
    private boolean inFlight;

    LatestOnly(Function<T, CompletableFuture<?>> sender) {
        this.sender = sender;
    }

    void submit(T update) {
        synchronized (this) {
            pending = update;
            if (inFlight) {
                return;
            }
            inFlight = true;
        }
        sendNext();
    }

    private void sendNext() {
        T next;
        synchronized (this) {
            next = pending;
            pending = null;
            if (next == null) {
                inFlight = false;
                return;
            }
        }
        CompletableFuture<?> sent;
        try {
            sent = sender.apply(next);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("could not update a Discord reply: {}", error.toString());
            }
            sendNext();
        });
    }
}
