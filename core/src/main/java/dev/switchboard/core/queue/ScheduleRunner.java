package dev.switchboard.core.queue;

import dev.switchboard.core.lifecycle.Service;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.loop.WakeSignal;
import dev.switchboard.core.message.MessageIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service that fires recurring schedules: it looks (on the reader, cheaply) when the next one is due, and
 * only then queues the copies (one writer transaction). One-shot scheduled messages need no runner: the
 * delivery workers skip a message until its notBefore.
 */
public final class ScheduleRunner implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    private final Schedules schedules;
    private final Clock clock;
    private final long pollMillis;
    private volatile BackgroundLoop loop;

    /** @param pollMillis how often to look for schedules set by other processes (the CLI) */
    public ScheduleRunner(Schedules schedules, Clock clock, long pollMillis) {
        this.schedules = schedules;
        this.clock = clock;
        this.pollMillis = pollMillis;
    }

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public List<String> dependsOn() {
        return List.of("event-pump");
    }

    @Override
    public synchronized void start() {
        // One signal per run: a stop closes it for good, and a later start must not find it closed.
        WakeSignal stopped = new WakeSignal();
        // A failure (the queue unavailable, a bad schedule row) is logged once and retried with back-off, so
        // one bad pass no longer ends the thread.
        loop = BackgroundLoop.named("scheduler")
                .log(LOG)
                .backoff(Duration.ofMillis(Math.max(1, pollMillis)), Duration.ofMillis(Math.max(pollMillis, 10_000)))
                .stopWithin(Duration.ofSeconds(5))
                .unblockWith(stopped::close)
                .start(() -> pass(stopped));
    }

    /** Fires what is due, then waits until the next is due, the next poll, or a stop. */
    private void pass(WakeSignal stopped) throws InterruptedException {
        if (stopped.closed()) {
            return;
        }
        Optional<Instant> next = schedules.nextDue();
        if (next.isPresent() && !next.get().isAfter(clock.instant())) {
            for (Schedules.Fired f : schedules.fireDue()) {
                LOG.info(
                        "schedule #{} queued #{} for {}; next at {}",
                        MessageIds.shortForm(f.schedule().id()),
                        MessageIds.shortForm(f.message().id()),
                        f.schedule().agent(),
                        f.schedule().nextAt());
            }
        }
        long wait = next.map(n -> Math.max(1, Math.min(pollMillis, n.toEpochMilli() - clock.millis())))
                .orElse(pollMillis);
        stopped.await(wait);
    }

    @Override
    public synchronized void stop() {
        BackgroundLoop l = loop;
        loop = null;
        if (l != null) {
            l.close(); // closes the run's signal: a pass about to wait, or waiting, returns at once
        }
    }

    @Override
    public Health health() {
        BackgroundLoop l = loop;
        return Health.of(l != null && l.alive(), "the scheduler thread stopped");
    }
}
