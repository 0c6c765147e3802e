package dev.switchboard.core.routing;

import dev.switchboard.core.message.UnifiedMessage;
import java.util.List;

/**
 * Turns an accepted message into the per-agent messages to queue. The router asks handlers in descending
 * {@link #priority()} and uses the first that {@link #handles} the message, so new kinds of message plug in
 * without touching the queue.
 */
public interface MessageHandler {
    int priority();

    boolean handles(UnifiedMessage message);

    /** @return messages each addressed to exactly one agent; @throws RejectedException if there is none */
    List<UnifiedMessage> expand(UnifiedMessage message);
}
