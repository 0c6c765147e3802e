package dev.switchboard.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Status events, published only after the state change they report is committed. Subscribers run on the
 * publishing thread and must hand slow work off; one that throws is logged and does not stop the others.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private final List<Consumer<StatusEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** @return a handle that unsubscribes when closed */
    public AutoCloseable subscribe(Consumer<StatusEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(StatusEvent event) {
        for (Consumer<StatusEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("status subscriber failed on event {} of {}", event.seq(), event.messageId(), e);
            }
        }
    }
}
