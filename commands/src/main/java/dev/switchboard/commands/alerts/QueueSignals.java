package dev.switchboard.commands.alerts;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Dead letters and unread inbox messages, followed from the status events rather than queried: the rules are
 * checked every few seconds and a query by state would scan the whole message table each time. Seeded once
 * from the queue at start, so what happened before the service started counts too.
 */
public final class QueueSignals implements Consumer<StatusEvent> {
    /** Dead letters older than this are forgotten (the longest dead-letter window allowed is a week). */
    private static final Duration KEEP_DEAD = Duration.ofDays(7);
    /** The seed reads at most this many of the newest dead / delivered messages. */
    private static final int SEED_LIMIT = 10_000;

    private final Deque<Instant> dead = new ArrayDeque<>();
    private final Map<String, FleetSignals.Unread> unread = new HashMap<>();

    /** Reads what is already in the queue; subscribe it to the event bus before calling this. */
    public synchronized void seed(MessageQueue queue, Instant now) {
        Instant oldest = now.minus(KEEP_DEAD);
        queue.list(List.of(MessageState.DEAD), null, SEED_LIMIT).stream()
                .map(QueuedMessage::updatedAt)
                .filter(at -> at.isAfter(oldest))
                .sorted()
                .forEach(dead::addLast);
        for (QueuedMessage m : queue.list(List.of(MessageState.DELIVERED), null, SEED_LIMIT)) {
            if ("inbox".equals(m.method())) {
                unread.putIfAbsent(m.id(), new FleetSignals.Unread(m.id(), m.agent(), m.updatedAt()));
            }
        }
    }

    @Override
    public synchronized void accept(StatusEvent e) {
        if (e.to() == MessageState.DEAD) {
            dead.addLast(e.at());
            while (!dead.isEmpty() && dead.peekFirst().isBefore(e.at().minus(KEEP_DEAD))) {
                dead.removeFirst();
            }
        }
        if (e.to() == MessageState.DELIVERED && "inbox".equals(e.method())) {
            unread.put(e.messageId(), new FleetSignals.Unread(e.messageId(), e.agent(), e.at()));
        } else {
            unread.remove(e.messageId()); // read, or redelivered, retried, cancelled
        }
    }

    public synchronized int deadLettersSince(Instant since) {
        return (int) dead.stream().filter(at -> !at.isBefore(since)).count();
    }

    public synchronized List<FleetSignals.Unread> unreadDeliveredBefore(Instant before) {
        return unread.values().stream()
                .filter(u -> !u.deliveredAt().isAfter(before))
                .sorted(Comparator.comparing(FleetSignals.Unread::deliveredAt))
                .toList();
    }
}
