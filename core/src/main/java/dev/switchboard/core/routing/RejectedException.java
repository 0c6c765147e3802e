package dev.switchboard.core.routing;

/** A message the pipeline refused; nothing was queued. The message is one line meant for the sender. */
public class RejectedException extends RuntimeException {
    public enum Reason {
        INVALID,
        UNKNOWN_AGENT,
        NOT_AUTHORIZED,
        RATE_LIMITED,
        NO_RECIPIENTS
    }

    private final Reason reason;

    public RejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
