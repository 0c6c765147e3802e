package dev.switchboard.core.queue;

/** The queue is shutting down; the operation was not performed. */
public class QueueClosedException extends QueueException {
    public QueueClosedException() {
        super("the queue is closed");
    }
}
