package dev.switchboard.core.queue;

/** The queue database could not do what was asked (disk full, locked by another program ...). */
public class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueueException(String message) {
        super(message);
    }
}
