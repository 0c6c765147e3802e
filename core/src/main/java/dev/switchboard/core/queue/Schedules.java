package dev.switchboard.core.queue;

import dev.switchboard.core.message.UnifiedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recurring messages, stored beside the queue so they survive restarts. A firing and the message it queues
 * commit together: a crash never queues a period twice, nor skips one without queueing it.
 */
public interface Schedules {
    /** Shortest period accepted: a typo like {@code --every 1s} must not flood an agent. */
    Duration MIN_PERIOD = Duration.ofMinutes(1);

    /** A fired copy: which schedule, and the message it queued. */
    record Fired(Schedule schedule, QueuedMessage message) {}

    /** Stores a schedule whose first copy is queued at {@code firstAt}. */
    Schedule add(UnifiedMessage template, Duration every, Instant firstAt, String by);

    /** Schedules, soonest first; {@code agent} null for all. */
    List<Schedule> list(String agent);

    /** By full id or a unique short form ({@code #3f2a}). */
    Optional<Schedule> find(String idOrShort);

    /** Removes a schedule; copies already queued stay (cancel those as messages). */
    Schedule cancel(String idOrShort, String by);

    /** Queues one copy of every schedule that is due, and moves each to its next period after now. */
    List<Fired> fireDue();

    /** One-shot messages waiting for their time ({@code --in}, {@code --at}), soonest first. */
    List<QueuedMessage> waiting(String agent, int limit);

    /** When the soonest schedule is due, if any (the runner sleeps until then). */
    Optional<Instant> nextDue();
}
