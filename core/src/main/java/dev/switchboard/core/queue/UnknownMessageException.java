package dev.switchboard.core.queue;

/** No message has that id (or the short id matches none, or several). */
public class UnknownMessageException extends QueueException {
    public UnknownMessageException(String message) {
        super(message);
    }
}
