package dev.switchboard.commands.track;

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
 * Routes status events to the request that queued the message, for every front-end. A command returns its
 * message ids only after the queue committed them, and the bus may already have reported their first states
 * by then; so events for ids nobody follows yet are kept (bounded) and replayed when {@link #track} claims them.
 *
 * <p>Order: a request's listener is called under that request's lock, one event at a time, with the replay
 * of kept events done under the same lock before any live event of it is let in. So a listener sees each
 * message's events strictly in order, never an older one after a newer one, even when the replay on the
 * command's thread races a live event on the bus's thread (the race that could put reactions in the wrong
 * order). Listeners must be quick (hand slow platform calls off).
 */
public final class RequestTracker implements Consumer<StatusEvent> {
    /** Called for each event that is news for a followed request; {@code progress} already includes it. */
    public interface Listener {
        void update(RequestProgress progress, StatusEvent event);
    }

    private record Followed(RequestProgress progress, Listener listener) {}

    private final Predicate<StatusEvent> worthKeeping;
    private final Map<String, List<StatusEvent>> unclaimed;
    private final Map<String, Followed> tracked;

    /**
     * @param worthKeeping which events for not-yet-tracked ids to keep (e.g. those that came from Discord)
     * @param maxIds       at most this many ids are kept unclaimed, and at most this many tracked; the oldest go
     */
    public RequestTracker(Predicate<StatusEvent> worthKeeping, int maxIds) {
        this.worthKeeping = worthKeeping;
        this.unclaimed = boundedMap(maxIds);
        this.tracked = boundedMap(maxIds);
    }

    @Override
    public void accept(StatusEvent event) {
        Followed f;
        synchronized (this) {
            f = tracked.get(event.messageId());
            if (f == null) {
                if (worthKeeping.test(event)) {
                    unclaimed
                            .computeIfAbsent(event.messageId(), id -> new ArrayList<>())
                            .add(event);
                }
                return;
            }
        }
        deliver(f, event);
    }

    /**
     * Follows the messages {@code ids} as one request: what already happened to them, then every later event,
     * goes to {@code listener}, until every message is final ({@link RequestProgress#isFinal}).
     */
    public RequestProgress track(Collection<String> ids, Listener listener) {
        Followed f = new Followed(new RequestProgress(List.copyOf(ids)), listener);
        synchronized (f) {
            List<StatusEvent> earlier = new ArrayList<>();
            synchronized (this) {
                for (String id : ids) {
                    tracked.put(id, f);
                    List<StatusEvent> kept = unclaimed.remove(id);
                    if (kept != null) {
                        earlier.addAll(kept);
                    }
                }
            }
            earlier.sort(Comparator.comparingLong(StatusEvent::seq));
            earlier.forEach(e -> deliver(f, e));
        }
        return f.progress();
    }

    private void deliver(Followed f, StatusEvent event) {
        boolean finished;
        synchronized (f) {
            if (!f.progress().apply(event)) {
                return;
            }
            f.listener().update(f.progress(), event);
            finished = f.progress().finished();
        }
        if (finished) {
            untrack(f.progress().ids());
        }
    }

    private synchronized void untrack(Collection<String> ids) {
        ids.forEach(tracked::remove);
    }

    public synchronized int trackedCount() {
        return tracked.size();
    }

    public synchronized int unclaimedCount() {
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
