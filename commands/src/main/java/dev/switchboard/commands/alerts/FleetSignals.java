package dev.switchboard.commands.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the alert rules look at; the service wires it to the queue, the delivery breakers and the bridges. */
public interface FleetSignals {
    /** A message delivered to an inbox and not read yet. */
    record Unread(String messageId, String agent, Instant deliveredAt) {}

    /** How many messages went dead at or after {@code since}. */
    int deadLettersSince(Instant since);

    /** Inbox-delivered messages not read yet that were delivered at or before {@code before}, oldest first. */
    List<Unread> unreadDeliveredBefore(Instant before);

    /** {@code agent/method} of every delivery method whose circuit breaker is not closed. */
    List<String> openBreakers();

    /** Each running chat bridge by name, and whether it is connected now. */
    Map<String, Boolean> bridgesConnected();

    /** The queue's signals plus breakers and bridges from where they live (delivery chain, bridges). */
    static FleetSignals of(
            QueueSignals queue, Supplier<List<String>> openBreakers, Supplier<Map<String, Boolean>> bridges) {
        return new FleetSignals() {
            @Override
            public int deadLettersSince(Instant since) {
                return queue.deadLettersSince(since);
            }

            @Override
            public List<Unread> unreadDeliveredBefore(Instant before) {
                return queue.unreadDeliveredBefore(before);
            }

            @Override
            public List<String> openBreakers() {
                return openBreakers.get();
            }

            @Override
            public Map<String, Boolean> bridgesConnected() {
                return bridges.get();
            }
        };
    }
}
