package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.message.UnifiedMessage;
import java.util.Optional;

/** One way of getting a message to an agent. Implementations must be safe to call from several workers. */
public interface Deliverer {

    DeliveryMethod method();

    /**
     * Checks made before touching anything (display reachable, point on a screen, pane exists, folder
     * writable). @return the reason this method cannot deliver to the agent now, or empty if it can
     */
    Optional<String> preflight(AgentConfig agent);

    /**
     * Delivers one message. Must be idempotent by message id where the medium allows it (the inbox does);
     * must report {@link DeliveryOutcome#verified()} only for what it saw arrive.
     */
    DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) throws InterruptedException;

    /**
     * A delivery of this message was cut off: the process delivering it stopped after it may have started typing.
     * A method that can see exactly this message's text sitting unsubmitted in the agent's input may submit it
     * and say so; anything less certain must touch nothing and answer empty (the text may have been submitted
     * already, so delivering it again could make it arrive twice).
     */
    default Optional<DeliveryOutcome> finishInterrupted(UnifiedMessage message, AgentConfig agent)
            throws InterruptedException {
        return Optional.empty();
    }
}
