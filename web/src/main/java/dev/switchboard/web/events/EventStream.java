package dev.switchboard.web.events;

import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.web.BadRequest;
import dev.switchboard.web.Json;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSE broadcaster. State changes come from the event bus (so only committed ones) and go out as
 * {@code event: state} with {@code id: <seq>}. A client that sends {@code Last-Event-ID} (browsers do on
 * reconnect) first gets every transition after that id read back from the queue's log, then the live ones,
 * with none lost or repeated in between. Other parts publish their own events (alerts) through
 * {@link #publish}; those carry no id and are not replayed.
 *
 * <p>Each client is served on its own request thread from a bounded buffer; a client too slow to keep up is
 * disconnected, and its reconnect replays what it missed from the log.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final int PAGE = 500;
    private static final int BUFFER = 10_000;

    /** One SSE frame; {@code seq} 0 means it has no id. */
    record Frame(String event, String data, long seq) {
        static final Frame CLOSE = new Frame("", "", -1);
    }

    private final MessageQueue queue;
    private final AutoCloseable subscription;
    private final Set<BlockingQueue<Frame>> clients = ConcurrentHashMap.newKeySet();
    private final long keepAliveMillis;
    private volatile boolean closed;

    public EventStream(MessageQueue queue, EventBus bus, long keepAliveMillis) {
        this.queue = queue;
        this.keepAliveMillis = keepAliveMillis;
        this.subscription = bus.subscribe(this::onStatus);
    }

    private void onStatus(StatusEvent e) {
        offerAll(new Frame("state", Json.write(StateEvent.of(e)), e.seq()));
    }

    /**
     * Sends an event of another kind (e.g. {@code alert}) to every connected client, without an id: it is not
     * part of the transition log and is not replayed after a reconnect.
     */
    public void publish(String event, Object data) {
        if (!event.matches("[a-z][a-z0-9_-]{0,30}") || event.equals("state")) {
            throw new IllegalArgumentException("event name must be lower-case letters, digits, - or _, not 'state'");
        }
        offerAll(new Frame(event, Json.write(data), 0));
    }

    /** How many clients are connected now. */
    public int clients() {
        return clients.size();
    }

    private void offerAll(Frame frame) {
        for (BlockingQueue<Frame> client : clients) {
            if (!client.offer(frame)) {
                // too slow: drop it and let its reconnect replay from the log
                client.clear();
                client.offer(Frame.CLOSE);
            }
        }
    }

    /** Serves one client until it goes away or the stream closes (runs on the request's thread). */
    public void serve(SseClient client) {
        long after =
                resumeFrom(client.ctx().header("Last-Event-ID"), client.ctx().queryParam("after"));
        BlockingQueue<Frame> buffer = new ArrayBlockingQueue<>(BUFFER);
        clients.add(buffer);
        try {
            long last = after >= 0 ? replay(client, after) : queue.lastEventSeq();
            client.sendEvent("ready", "{\"last_seq\":" + last + "}");
            while (!closed && !client.terminated()) {
                Frame f = buffer.poll(keepAliveMillis, TimeUnit.MILLISECONDS);
                if (f == null) {
                    client.sendComment("keep-alive");
                } else if (f == Frame.CLOSE) {
                    return;
                } else if (f.seq() == 0) {
                    client.sendEvent(f.event(), f.data());
                } else if (f.seq() > last) {
                    client.sendEvent(f.event(), f.data(), Long.toString(f.seq()));
                    last = f.seq();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("event stream client ended: {}", e.toString());
        } finally {
            clients.remove(buffer);
        }
    }

    private long replay(SseClient client, long after) {
        long last = after;
        List<StatusEvent> page;
        do {
            page = queue.eventsAfter(last, PAGE);
            for (StatusEvent e : page) {
                if (client.terminated()) {
                    return last;
                }
                client.sendEvent("state", Json.write(StateEvent.of(e)), Long.toString(e.seq()));
                last = e.seq();
            }
        } while (page.size() == PAGE);
        return last;
    }

    /** @throws BadRequest when the id to resume from is not a whole number of 0 or more */
    public static void checkResumeId(String lastEventId, String afterParam) {
        resumeFrom(lastEventId, afterParam);
    }

    /** -1: live only. Otherwise the sequence number after which to resume. */
    static long resumeFrom(String lastEventId, String afterParam) {
        String raw = lastEventId != null && !lastEventId.isBlank() ? lastEventId : afterParam;
        if (raw == null || raw.isBlank()) {
            return -1;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequest("Last-Event-ID (or after) must be an event id: a whole number of 0 or more");
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("cannot unsubscribe the event stream", e);
        }
        clients.forEach(c -> {
            c.clear();
            c.offer(Frame.CLOSE);
        });
    }
}
