package dev.switchboard.core.queue;

/**
 * A stored message's JSON cannot be turned back into a message (the database is sound, the row's payload
 * is not). Such a row is dead-lettered when a worker meets it; listings show it with this reason.
 */
public final class UnreadableMessageException extends QueueException {
    /** The reason a dead-lettered unreadable row carries, for users and for tests. */
    public static final String REASON = "stored message is not readable";

    public UnreadableMessageException(String detail, Throwable cause) {
        super(REASON + ": " + detail, cause);
    }
}
