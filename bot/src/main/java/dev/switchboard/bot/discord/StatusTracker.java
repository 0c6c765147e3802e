package dev.switchboard.bot.discord;

import dev.switchboard.core.events.StatusEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Routes status events to the chat request that queued the message. A command returns its message ids only
 * after the queue committed them, and the bus may already have reported their first states by then; so events
 * for ids nobody follows yet are kept (bounded) and replayed when {@link #track} claims them.
 */
public final class StatusTracker implements Consumer<StatusEvent> {
    private final Predicate<StatusEvent> worthKeeping;
    private final Map<String, List<StatusEvent>> unclaimed;
    private final Map<String, Consumer<StatusEvent>> tracked;

    /**
     * @param worthKeeping which events for not-yet-tracked ids to keep (e.g. those that came from Discord)
     * @param maxIds       at most this many ids are kept unclaimed, and at most this many tracked; the oldest go
     */
    public StatusTracker(Predicate<StatusEvent> worthKeeping, int maxIds) {
        this.worthKeeping = worthKeeping;
        this.unclaimed = boundedMap(maxIds);
        this.tracked = boundedMap(maxIds);
    }

    @Override
    public void accept(StatusEvent event) {
        Consumer<StatusEvent> listener;
        synchronized (this) {
            listener = tracked.get(event.messageId());
            if (listener == null) {
                if (worthKeeping.test(event)) {
                    unclaimed.computeIfAbsent(event.messageId(), id -> new ArrayList<>()).add(event);
                }
                return;
            }
        }
        listener.accept(event);
    }

    /** Sends every later event of {@code ids}, and those already seen, to {@code listener}. */
    public void track(Collection<String> ids, Consumer<StatusEvent> listener) {
        List<StatusEvent> earlier = new ArrayList<>();
        synchronized (this) {
            for (String id : ids) {
                tracked.put(id, listener);
                List<StatusEvent> kept = unclaimed.remove(id);
                if (kept != null) {
                    earlier.addAll(kept);
                }
            }
        }
        earlier.sort(Comparator.comparingLong(StatusEvent::seq));
        earlier.forEach(listener);
    }

    public synchronized void untrack(Collection<String> ids) {
        ids.forEach(tracked::remove);
    }

    synchronized int trackedCount() {
        return tracked.size();
    }

    synchronized int unclaimedCount() {
        return unclaimed.size();
    }

    private static <V> Map<String, V> boundedMap(int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
