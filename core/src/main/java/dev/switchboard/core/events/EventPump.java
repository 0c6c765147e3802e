package dev.switchboard.core.events;

import dev.switchboard.core.logging.MessageMdc;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the queue's transition log to the {@link EventBus}. Because it reads only committed rows, every
 * event is reported after it is persisted, and changes made by other processes (the CLI's {@code ack},
 * {@code send}) reach this process's front-ends as well. It is woken at once after local commits and polls
 * for the others.
 */
public final class EventPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventPump.class);
    private static final int PAGE = 500;

    private final MessageQueue queue;
    private final EventBus bus;
    private final long pollMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean pending;
    private volatile boolean running = true;
    private long lastSeq;

    /** Starts publishing events that happen from now on. */
    public EventPump(MessageQueue queue, EventBus bus, long pollMillis) {
        this.queue = queue;
        this.bus = bus;
        this.pollMillis = pollMillis;
        this.lastSeq = queue.lastEventSeq();
        this.thread = new Thread(this::loop, "event-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** A local commit happened: look now rather than at the next poll. */
    public void wakeUp() {
        lock.lock();
        try {
            pending = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                drain();
                lock.lock();
                try {
                    if (!pending && running) {
                        wake.await(pollMillis, TimeUnit.MILLISECONDS);
                    }
                    pending = false;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (QueueException e) {
                if (!running) {
                    return;
                }
                LOG.warn("cannot read status events: {}", e.getMessage());
                sleepQuietly();
            }
        }
        // close() was called: what was committed before it must still be reported (the last "delivered").
        try {
            drain();
        } catch (QueueException e) {
            LOG.warn("cannot publish the last status events: {}", e.getMessage());
        }
    }

    private void drain() {
        List<StatusEvent> events;
        do {
            events = queue.eventsAfter(lastSeq, PAGE);
            for (StatusEvent e : events) {
                // subscribers' log lines (status posts, follow-ups) carry the message they are about
                try (MessageMdc ignored = MessageMdc.of(e)) {
                    bus.publish(e);
                }
                lastSeq = e.seq();
            }
        } while (events.size() == PAGE);
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes what is already committed, then stops. */
    @Override
    public void close() {
        running = false;
        wakeUp();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
