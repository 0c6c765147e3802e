package dev.switchboard.core.queue;

import dev.switchboard.core.lifecycle.Service;
import dev.switchboard.core.message.MessageIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

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
        running = true;
        Thread t = new Thread(this::loop, "scheduler");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop() {
        while (running) {
            try {
                Optional<Instant> next = schedules.nextDue();
                if (next.isPresent() && !next.get().isAfter(clock.instant())) {
                    for (Schedules.Fired f : schedules.fireDue()) {
                        LOG.info("schedule #{} queued #{} for {}; next at {}", MessageIds.shortForm(f.schedule().id()),
                                MessageIds.shortForm(f.message().id()), f.schedule().agent(), f.schedule().nextAt());
                    }
                }
                long wait = next.map(n -> Math.max(1, Math.min(pollMillis, n.toEpochMilli() - clock.millis())))
                        .orElse(pollMillis);
                wake.tryAcquire(wait, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (QueueException e) {
                if (!running) {
                    return;
                }
                LOG.warn("scheduler: queue unavailable: {}", e.getMessage());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public Health health() {
        Thread t = thread;
        return Health.of(t != null && t.isAlive(), "the scheduler thread stopped");
    }
}
