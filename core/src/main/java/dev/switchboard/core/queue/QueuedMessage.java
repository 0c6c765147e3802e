package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Instant;

/**
 * A message as the queue holds it now.
 *
 * @param message      the message
 * @param state        its state
 * @param attempts     delivery attempts started so far
 * @param nextAttempt  not before this (retry backoff)
 * @param method       method that delivered it, or null
 * @param verified     whether that delivery was verified, or null
 * @param lastError    the latest failure reason, or null
 * @param updatedAt    last state change
 */
public record QueuedMessage(
        UnifiedMessage message,
        MessageState state,
        int attempts,
        Instant nextAttempt,
        String method,
        Boolean verified,
        String lastError,
        Instant updatedAt) {
    public String id() {
        return message.id();
    }

    public String agent() {
        return message.agent();
    }
}
