package dev.switchboard.core.lifecycle;

import dev.switchboard.core.lifecycle.ServiceStatus.State;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.queue.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the services: starts them in dependency order, checks their health, restarts a failed one with
 * exponential backoff (and says so), and stops them in reverse order. A service that fails never takes the
 * others down: a chat bridge that cannot connect leaves delivery from every other source running.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    /** What the supervisor reports: one-line notices (failures, restarts) and every change of state. */
    public interface Listener {
        void notice(String line);

        default void changed(List<ServiceStatus> services) {}
    }

    /** Timing; the defaults are what {@code run} uses. */
    public record Timing(Duration checkEvery, Backoff backoff, Duration stableAfter) {
        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(1), new Backoff(2_000, 60_000), Duration.ofSeconds(60));
        }
    }

    private final List<Slot> slots;
    private final Timing timing;
    private final Clock clock;
    private final Listener listener;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Object emitLock = new Object();
    private final ExecutorService restarts = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "service-restart");
        t.setDaemon(true);
        return t;
    });
    /** Started by {@link #startAll()}, once every service is up. */
    private volatile BackgroundLoop monitor;
    /** Whether the monitor's first pass is behind it (only its thread reads and writes it). */
    private boolean waitedOnce;

    private volatile boolean closed;

    public Supervisor(List<Service> services, Timing timing, Clock clock, Listener listener) {
        this.slots = ServiceOrder.sort(services).stream().map(Slot::new).toList();
        this.timing = timing;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Starts every service in dependency order, then watches them. An optional service that cannot start is
     * reported and retried in the background.
     *
     * @throws FatalServiceException   a service refused for good (e.g. a rejected token); nothing runs then
     * @throws ServiceStartException   a required service could not start; nothing runs then
     */
    public void startAll() {
        for (Slot slot : slots) {
            try {
                slot.service.start();
                running(slot, false);
            } catch (Exception e) {
                stopQuietly(slot);
                if (e instanceof FatalServiceException || !slot.service.optional()) {
                    stopAll();
                    if (e instanceof FatalServiceException) {
                        throw new FatalServiceException(
                                "cannot start the " + slot.service.name() + ": " + oneLine(e), e);
                    }
                    throw new ServiceStartException("cannot start the " + slot.service.name() + ": " + oneLine(e), e);
                }
                failed(slot, oneLine(e), "running without it");
            }
        }
        // A check that throws (a listener's bug) is logged once and retried; it no longer ends the watching.
        monitor = BackgroundLoop.named("supervisor")
                .log(LOG)
                .every(timing.checkEvery())
                .backoff(timing.checkEvery(), timing.checkEvery().multipliedBy(10))
                .stopWithin(Duration.ofSeconds(5))
                .start(this::watch);
    }

    /** Every service's state now, in start order. */
    public List<ServiceStatus> status() {
        synchronized (this) {
            return slots.stream().map(Slot::status).toList();
        }
    }

    /** One round of checks; the first only waits, so services just started get one interval before theirs. */
    private void watch() {
        if (!waitedOnce) {
            waitedOnce = true;
            return;
        }
        for (Slot slot : slots) {
            if (closed) {
                return;
            }
            check(slot);
        }
    }

    private void check(Slot slot) {
        State state;
        synchronized (this) {
            state = slot.state;
        }
        if (state == State.RUNNING) {
            Service.Health health;
            try {
                health = slot.service.health();
            } catch (RuntimeException e) {
                health = Service.Health.failed("health check failed: " + oneLine(e));
            }
            if (!health.healthy()) {
                stopQuietly(slot);
                failed(slot, health.detail(), "restarting");
            } else {
                synchronized (this) {
                    if (slot.failures > 0
                            && slot.since != null
                            && Duration.between(slot.since, clock.instant()).compareTo(timing.stableAfter()) >= 0) {
                        slot.failures = 0; // it has run long enough: the next failure starts the backoff afresh
                    }
                }
            }
        } else if (state == State.FAILED) {
            boolean due;
            synchronized (this) {
                due = !clock.instant().isBefore(slot.retryAt);
                if (due) {
                    slot.state = State.STARTING;
                }
            }
            if (due) {
                // On a thread of its own: a bridge may take seconds to connect; the others are still checked.
                restarts.execute(() -> restart(slot));
            }
        }
    }

    private void restart(Slot slot) {
        try {
            slot.service.start();
            if (closed) {
                stopQuietly(slot);
                return;
            }
            running(slot, true);
        } catch (FatalServiceException e) {
            stopQuietly(slot);
            synchronized (this) {
                slot.state = State.GAVE_UP;
                slot.since = clock.instant();
                slot.lastError = oneLine(e);
            }
            emit(slot.service.name() + ": " + oneLine(e) + "; not trying again");
        } catch (Exception e) {
            stopQuietly(slot);
            failed(slot, oneLine(e), "still failing");
        }
    }

    private void running(Slot slot, boolean afterFailure) {
        String notice = null;
        synchronized (this) {
            slot.state = State.RUNNING;
            slot.since = clock.instant();
            slot.retryAt = null;
            if (afterFailure) {
                if (slot.everRan) {
                    slot.restarts++;
                    notice = slot.service.name() + " restarted (restart " + slot.restarts + ")";
                } else {
                    notice = slot.service.name() + " started";
                }
            }
            slot.everRan = true;
        }
        LOG.info("service {} running", slot.service.name());
        emit(notice);
    }

    private void failed(Slot slot, String why, String what) {
        Duration wait;
        synchronized (this) {
            slot.failures++;
            wait = timing.backoff().delayBefore(slot.failures, random);
            slot.state = State.FAILED;
            slot.since = clock.instant();
            slot.lastError = why;
            slot.retryAt = slot.since.plus(wait);
        }
        emit(slot.service.name() + ": " + why + "; " + what + ", next try in " + ServiceStatus.duration(wait));
    }

    private void emit(String notice) {
        synchronized (emitLock) {
            if (notice != null) {
                LOG.warn("{}", notice);
                safely(() -> listener.notice(notice));
            }
            List<ServiceStatus> now = status();
            safely(() -> listener.changed(now));
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a service status listener failed", e);
        }
    }

    private void stopQuietly(Slot slot) {
        try {
            slot.service.stop();
        } catch (RuntimeException e) {
            LOG.warn("error while stopping {}", slot.service.name(), e);
        }
    }

    private void stopAll() {
        for (int i = slots.size() - 1; i >= 0; i--) {
            Slot slot = slots.get(i);
            stopQuietly(slot);
            synchronized (this) {
                slot.state = State.STOPPED;
                slot.since = clock.instant();
                slot.retryAt = null;
            }
        }
        emit(null);
    }

    /** Stops watching, lets a restart under way finish, then stops every service in reverse order. */
    @Override
    public void close() {
        closed = true;
        BackgroundLoop m = monitor;
        if (m != null) {
            m.close(); // ends its wait at once; a check under way gets 5 s, then is interrupted
        }
        restarts.shutdown();
        try {
            if (!restarts.awaitTermination(15, TimeUnit.SECONDS)) {
                restarts.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAll();
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        String line = m.lines().findFirst().orElse(m).strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private final class Slot {
        final Service service;
        State state = State.STOPPED;
        Instant since;
        int restarts;
        int failures;
        boolean everRan;
        String lastError;
        Instant retryAt;

        Slot(Service service) {
            this.service = service;
        }

        ServiceStatus status() {
            return new ServiceStatus(service.name(), state, since, restarts, lastError, retryAt);
        }
    }
}
