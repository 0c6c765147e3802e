package dev.switchboard.core.queue;

/**
 * The queue failed at a point where the change may or may not have been committed (during the commit
 * itself, or while nobody answered in time). Saying "failed" here would make a user send a message again
 * that was in fact stored, so the message says so and points to {@code status}.
 */
public final class OutcomeUnknownException extends QueueException {
    public static final String ADVICE = "unknown whether it was stored: check `status`";

    public OutcomeUnknownException(String what, Throwable cause) {
        super(what + "; " + ADVICE, cause);
    }
}
