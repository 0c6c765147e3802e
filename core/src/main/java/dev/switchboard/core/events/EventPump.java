package dev.switchboard.core.events;

import dev.switchboard.core.logging.MessageMdc;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.loop.WakeSignal;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import java.time.Duration;
import java.util.List;
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
    private final WakeSignal wake = new WakeSignal();
    private final BackgroundLoop loop;
    private long lastSeq;

    /** Starts publishing events that happen from now on. */
    public EventPump(MessageQueue queue, EventBus bus, long pollMillis) {
        this.queue = queue;
        this.bus = bus;
        this.pollMillis = pollMillis;
        this.lastSeq = queue.lastEventSeq();
        // A failure (the database unreadable for a while) is logged once and retried with back-off; the
        // events are kept in the log, so none is lost, only late.
        this.loop = BackgroundLoop.named("event-pump")
                .log(LOG)
                .backoff(Duration.ofMillis(pollMillis), Duration.ofSeconds(5))
                .stopWithin(Duration.ofSeconds(5))
                .unblockWith(wake::close)
                .atExit(this::drainLast)
                .start(this::pass);
    }

    /** A local commit happened: look now rather than at the next poll. */
    public void wakeUp() {
        wake.wake();
    }

    private void pass() throws InterruptedException {
        drain();
        wake.await(pollMillis);
    }

    /** close() was called: what was committed before it must still be reported (the last "delivered"). */
    private void drainLast() {
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

    /** For the supervisor's health check: false once its loop's thread has ended. */
    public boolean isAlive() {
        return loop.alive();
    }

    /** Publishes what is already committed, then stops. */
    @Override
    public void close() {
        loop.stop();
    }
}
