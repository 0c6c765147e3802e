package dev.switchboard.web.metrics;

import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last hour of the fleet, minute by minute: deliveries, failures by class, retries, and the latency of each
 * step (queue wait, delivery, end to end, time to read). At start it reads the last hour back from the
 * transition log (at most {@value #MAX_SEED} transitions), then follows the event bus, so the figures survive a
 * restart. Live changes are also handed to a {@link Sink} (the Prometheus series, which count from process start).
 */
public final class FleetMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetMetrics.class);
    static final int MINUTES = 60;
    static final int MAX_SEED = 20_000;
    private static final int MAX_TRACKED = 50_000;

    /** Receives live changes as they are measured. */
    interface Sink {
        void transition(String agent, MessageState to);

        void delivered(String agent, String method, boolean verified, Long deliveryMs, Long endToEndMs);

        void queueWait(String agent, long ms);

        void read(String agent, long ms);

        void failed(String agent, String errorClass, boolean dead);
    }

    /** When one message reached each step (null: not seen in the window). */
    private static final class Track {
        Instant queuedAt;
        Instant deliveringAt;
        Instant deliveredAt;
        boolean waited;
    }

    private final Clock clock;
    private final Sink sink;
    private final TreeMap<Long, MinuteBucket> minutes = new TreeMap<>();
    private final Map<String, Track> tracks = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Track> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    private final AutoCloseable subscription;
    private final long seededUpTo;

    public FleetMetrics(MessageQueue queue, EventBus bus, Clock clock, Sink sink) {
        this.clock = clock;
        this.sink = sink;
        this.seededUpTo = seed(queue);
        this.subscription = bus.subscribe(this::onLive);
    }

    private long seed(MessageQueue queue) {
        long last = queue.lastEventSeq();
        Instant cutoff = clock.instant().minus(Duration.ofMinutes(MINUTES));
        long lo = 0;
        long hi = last;
        while (lo < hi) { // the first seq whose event is inside the window (the log is in time order)
            long mid = lo + (hi - lo) / 2;
            List<StatusEvent> e = queue.eventsAfter(mid, 1);
            if (e.isEmpty() || !e.get(0).at().isBefore(cutoff)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long from = Math.max(lo, last - MAX_SEED);
        int n = 0;
        List<StatusEvent> page;
        do {
            page = queue.eventsAfter(from, 500);
            for (StatusEvent e : page) {
                if (e.seq() > last) {
                    break;
                }
                apply(e, false);
                from = e.seq();
                n++;
            }
        } while (page.size() == 500 && from < last);
        if (n > 0) {
            LOG.info("metrics: read {} state changes of the last hour back from the log", n);
        }
        return last;
    }

    private void onLive(StatusEvent e) {
        if (e.seq() > seededUpTo) {
            apply(e, true);
        }
    }

    private synchronized void apply(StatusEvent e, boolean live) {
        MinuteBucket b = bucket(e.at());
        if (live) {
            sink.transition(e.agent(), e.to());
        }
        Track t = tracks.get(e.messageId());
        switch (e.to()) {
            case QUEUED -> {
                if (e.from() == null) {
                    t = new Track();
                    t.queuedAt = e.at();
                    tracks.put(e.messageId(), t);
                } else if (e.from() == MessageState.DEAD || e.from() == MessageState.RETRY_WAIT) {
                    b.operatorRetries++;
                }
            }
            case DELIVERING -> {
                if (t != null) {
                    t.deliveringAt = e.at();
                    if (!t.waited && t.queuedAt != null) {
                        t.waited = true;
                        long ms = millis(t.queuedAt, e.at());
                        b.sample(Latency.QUEUE_WAIT, ms);
                        if (live) {
                            sink.queueWait(e.agent(), ms);
                        }
                    }
                }
            }
            case DELIVERED -> {
                MinuteBucket.add(b.deliveredByAgent, e.agent());
                MinuteBucket.add(b.deliveredByMethod, e.method());
                boolean verified = Boolean.TRUE.equals(e.verified());
                if (verified) {
                    b.verified++;
                } else {
                    b.unverified++;
                }
                b.attemptsAtDelivery.merge(Math.max(1, e.attempt()), 1L, Long::sum);
                Long delivery = null;
                Long endToEnd = null;
                if (t != null) {
                    t.deliveredAt = e.at();
                    if (t.deliveringAt != null) {
                        delivery = millis(t.deliveringAt, e.at());
                        b.sample(Latency.DELIVERY, delivery);
                    }
                    if (t.queuedAt != null) {
                        endToEnd = millis(t.queuedAt, e.at());
                        b.sample(Latency.END_TO_END, endToEnd);
                    }
                }
                if (live) {
                    sink.delivered(e.agent(), e.method(), verified, delivery, endToEnd);
                }
            }
            case READ -> {
                b.read++;
                if (t != null && t.deliveredAt != null) {
                    long ms = millis(t.deliveredAt, e.at());
                    b.sample(Latency.TIME_TO_READ, ms);
                    if (live) {
                        sink.read(e.agent(), ms);
                    }
                }
                tracks.remove(e.messageId());
            }
            case RETRY_WAIT, DEAD -> {
                boolean dead = e.to() == MessageState.DEAD;
                MinuteBucket.add(dead ? b.deadByAgent : b.retriesByAgent, e.agent());
                String cls = ErrorClasses.of(e.detail());
                MinuteBucket.add(b.errorsByClass, cls);
                if (live) {
                    sink.failed(e.agent(), cls, dead);
                }
            }
            case CANCELLED -> {
                b.cancelled++;
                tracks.remove(e.messageId());
            }
        }
    }

    private MinuteBucket bucket(Instant at) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60);
        long oldest = Math.floorDiv(clock.instant().getEpochSecond(), 60) - MINUTES + 1;
        minutes.headMap(oldest).clear();
        // an event older than the window still counts once, in the oldest minute kept
        return minutes.computeIfAbsent(Math.max(minute, oldest), MinuteBucket::new);
    }

    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    /** The last hour, summed and per minute. */
    public synchronized MetricsWindow window() {
        long now = Math.floorDiv(clock.instant().getEpochSecond(), 60);
        minutes.headMap(now - MINUTES + 1).clear();
        return MetricsWindow.of(now, MINUTES, minutes);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("cannot unsubscribe the metrics", e);
        }
    }
}
