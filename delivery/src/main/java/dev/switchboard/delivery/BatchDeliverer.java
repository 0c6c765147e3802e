package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.message.UnifiedMessage;
import java.util.List;

/**
 * A deliverer that can hand several messages of one agent over in one go (the inbox: many files, one
 * directory fsync), when a backlog has built up. The messages keep their order.
 */
public interface BatchDeliverer extends Deliverer {
    /**
     * Delivers all of {@code messages}, in order, or none of them.
     *
     * @return one outcome per message, all delivered
     * @throws BatchFailedException if the batch could not be delivered; nothing of it reached the agent
     */
    List<DeliveryOutcome> deliverAll(List<UnifiedMessage> messages, AgentConfig agent)
            throws BatchFailedException, InterruptedException;

    /** Why a batch was not delivered; the caller delivers its messages one by one instead. */
    final class BatchFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        public BatchFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
