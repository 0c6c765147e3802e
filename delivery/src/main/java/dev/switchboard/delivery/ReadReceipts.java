package dev.switchboard.delivery;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the {@link InboxWatcher} reports that an agent read a message: the queue itself, or (on a scale-out
 * node, which has no queue) the broker.
 */
public interface ReadReceipts {

    /** What is known of a message whose file turned up in {@code processed/}. */
    enum Known {
        UNKNOWN,
        PENDING,
        DELIVERED,
        SETTLED
    }

    Known stateOf(String messageId);

    /** Records the read; the future fails if it was not recorded (the watcher tries again later). */
    CompletableFuture<?> markRead(String messageId, String via);

    static ReadReceipts of(MessageQueue queue) {
        return new ReadReceipts() {
            @Override
            public Known stateOf(String messageId) {
                Optional<QueuedMessage> qm = queue.find(messageId);
                if (qm.isEmpty()) {
                    return Known.UNKNOWN;
                }
                MessageState s = qm.get().state();
                if (s == MessageState.DELIVERED) {
                    return Known.DELIVERED;
                }
                return s == MessageState.READ || s == MessageState.CANCELLED ? Known.SETTLED : Known.PENDING;
            }

            @Override
            public CompletableFuture<?> markRead(String messageId, String via) {
                return queue.markReadAsync(messageId, via);
            }
        };
    }
}
