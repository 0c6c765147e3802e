package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import java.time.Instant;

/** One row of a message's history. */
public record Transition(
        long seq,
        String messageId,
        MessageState from,
        MessageState to,
        Instant at,
        int attempt,
        String method,
        Boolean verified,
        String detail) {}
