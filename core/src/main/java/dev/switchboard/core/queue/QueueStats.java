package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import java.util.Map;
import java.util.Set;

/**
 * Counts by state, overall and per agent, and which agents are paused.
 */
public record QueueStats(
        Map<MessageState, Long> byState, Map<String, Map<MessageState, Long>> byAgent, Set<String> paused) {
    public long count(MessageState state) {
        return byState.getOrDefault(state, 0L);
    }

    /** Messages an agent still has to get (queued, delivering or waiting to retry). */
    public long pending(String agent) {
        Map<MessageState, Long> m = byAgent.getOrDefault(agent, Map.of());
        return m.getOrDefault(MessageState.QUEUED, 0L)
                + m.getOrDefault(MessageState.DELIVERING, 0L)
                + m.getOrDefault(MessageState.RETRY_WAIT, 0L);
    }
}
