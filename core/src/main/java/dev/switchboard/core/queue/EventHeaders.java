package dev.switchboard.core.queue;

import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What every status event repeats from its message (correlation, agent, sender, origin), kept for the
 * messages still moving so the event pump neither joins nor decodes a payload per event. Filled when this
 * process enqueues (the message is at hand) and on a miss (a message another process sent).
 *
 * <p>A plain least-recently-used map, not a frequency-based cache: a message's four or five events come
 * once each and close together, a pattern an admission filter (Caffeine's TinyLFU) mistakes for noise and
 * rejects once the cache is full, which made the pump decode almost every event. Headers hold no body, so a
 * full map stays around a megabyte.
 */
final class EventHeaders {
    /** The header of one message. */
    record Header(String correlationId, String agent, Sender sender, Origin origin) {
        static Header of(UnifiedMessage m) {
            return new Header(m.correlationId(), m.agent(), m.sender(), m.origin());
        }
    }

    private final Map<String, Header> byId;

    EventHeaders(int capacity) {
        this.byId = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Header> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(UnifiedMessage m) {
        byId.put(m.id(), Header.of(m));
    }

    /** The header of {@code id}, loading it (outside the lock) when it is not kept; null when none exists. */
    Header get(String id, Function<String, Header> load) {
        synchronized (this) {
            Header h = byId.get(id);
            if (h != null) {
                return h;
            }
        }
        Header loaded = load.apply(id);
        if (loaded != null) {
            synchronized (this) {
                byId.put(id, loaded);
            }
        }
        return loaded;
    }

    synchronized int size() {
        return byId.size();
    }
}
