package dev.switchboard.core.message;

/** A state change the message state machine does not allow, e.g. cancelling a message already delivered. */
public class IllegalTransitionException extends IllegalStateException {
    private final MessageState from;
    private final MessageState to;

    public IllegalTransitionException(String messageId, MessageState from, MessageState to) {
        super("message " + messageId + " is " + from.label() + "; it cannot become " + to.label());
        this.from = from;
        this.to = to;
    }

    public MessageState from() {
        return from;
    }

    public MessageState to() {
        return to;
    }
}
