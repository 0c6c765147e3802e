package dev.switchboard.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Await;
import dev.switchboard.core.lifecycle.ServiceStatus.State;
import dev.switchboard.core.queue.Backoff;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real threads: order, restarts with report, degraded start, fatal refusal, status file. */
class SupervisorTest {
    private static final Supervisor.Timing FAST =
            new Supervisor.Timing(Duration.ofMillis(20), new Backoff(20, 200), Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final Supervisor.Listener listener = new Supervisor.Listener() {
        @Override
        public void notice(String line) {
            notices.add(line);
        }

        @Override
        public void changed(List<ServiceStatus> services) {
            try {
                StatusFile.write(
                        StatusFile.in(dir),
                        ProcessHandle.current().pid(),
                        Clock.systemUTC().instant(),
                        services);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** A service with a worker thread that a test can make throw. */
    private final class Worker implements Service {
        final String name;
        final List<String> deps;
        final boolean optional;
        final AtomicInteger startFailures = new AtomicInteger();
        volatile RuntimeException failStart;
        volatile Thread thread;
        volatile boolean crash;
        final AtomicInteger starts = new AtomicInteger();

        Worker(String name, boolean optional, String... deps) {
            this.name = name;
            this.optional = optional;
            this.deps = List.of(deps);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> dependsOn() {
            return deps;
        }

        @Override
        public boolean optional() {
            return optional;
        }

        @Override
        public void start() throws Exception {
            log.add("start " + name);
            if (startFailures.getAndDecrement() > 0) {
                throw new ConnectException("cannot reach http://127.0.0.1:9/ (Connection refused)");
            }
            if (failStart != null) {
                throw failStart;
            }
            starts.incrementAndGet();
            crash = false;
            Thread t = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            if (crash) {
                                throw new IllegalStateException("boom in " + name);
                            }
                            Thread.onSpinWait();
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    name);
            t.setUncaughtExceptionHandler((th, e) -> {});
            thread = t;
            t.start();
        }

        @Override
        public void stop() {
            log.add("stop " + name);
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        @Override
        public Health health() {
            Thread t = thread;
            return Health.of(t != null && t.isAlive(), name + " thread died");
        }
    }

    @Test
    void startsInDependencyOrderAndStopsInReverse() {
        Worker bridge = new Worker("bridge", true, "pump", "workers");
        Worker workers = new Worker("workers", false, "pump");
        Worker pump = new Worker("pump", false);
        Supervisor s = new Supervisor(List.of(bridge, workers, pump), FAST, Clock.systemUTC(), listener);
        s.startAll();
        s.close();
        assertEquals(
                List.of("start pump", "start workers", "start bridge", "stop bridge", "stop workers", "stop pump"),
                log);
        assertTrue(
                s.status().stream().allMatch(st -> st.state() == State.STOPPED),
                s.status().toString());
    }

    @Test
    void aServiceThatThrowsIsRestartedAndTheRestartIsReportedAndVisibleInTheStatusFile() throws IOException {
        Worker pump = new Worker("pump", false);
        Worker workers = new Worker("workers", false, "pump");
        try (Supervisor s = new Supervisor(List.of(pump, workers), FAST, Clock.systemUTC(), listener)) {
            s.startAll();

            // WHEN the workers' thread throws
            workers.crash = true;

            // THEN it is reported, started again, and the restart is reported and counted
            Await.until(
                    Duration.ofSeconds(10),
                    () -> notices.contains("workers restarted (restart 1)"),
                    () -> "notices: " + notices);
            assertTrue(
                    notices.stream().anyMatch(n -> n.startsWith("workers: workers thread died; restarting")),
                    notices.toString());
            assertEquals(2, workers.starts.get());
            assertEquals(1, pump.starts.get(), "the others run on untouched");
            Await.until(
                    Duration.ofSeconds(5),
                    () -> readStatus().stream()
                            .anyMatch(st ->
                                    st.name().equals("workers") && st.state() == State.RUNNING && st.restarts() == 1),
                    this::statusText);
        }
    }

    /** A service whose health check throws an Error once (a class that failed to load, say), then is fine. */
    private static final class BrokenCheck implements Service {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String name() {
            return "broken-check";
        }

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public Health health() {
            if (asked.getAndIncrement() == 0) {
                throw new NoClassDefFoundError("dev/switchboard/Missing");
            }
            return Health.ok();
        }
    }

    @Test
    void aHealthCheckThatThrowsAnErrorDoesNotEndTheWatching() {
        BrokenCheck broken = new BrokenCheck();
        Worker workers = new Worker("workers", false);
        try (Supervisor s = new Supervisor(List.of(broken, workers), FAST, Clock.systemUTC(), listener)) {
            s.startAll();
            // GIVEN the monitor met an Error (it used to end the monitor thread, and with it every restart)
            Await.until(
                    Duration.ofSeconds(10),
                    () -> broken.asked.get() > 1,
                    () -> "health asked " + broken.asked.get() + " time(s)");

            // WHEN a service dies afterwards, THEN it is still restarted
            workers.crash = true;
            Await.until(
                    Duration.ofSeconds(10),
                    () -> notices.contains("workers restarted (restart 1)"),
                    () -> "notices: " + notices);
        }
    }

    @Test
    void anOptionalServiceThatCannotConnectAtStartIsReportedInOneLineAndConnectsLater() {
        Worker pump = new Worker("pump", false);
        Worker discord = new Worker("discord", true, "pump");
        discord.startFailures.set(2);
        try (Supervisor s = new Supervisor(List.of(pump, discord), FAST, Clock.systemUTC(), listener)) {
            s.startAll(); // does not throw: Switchboard runs without Discord

            assertTrue(
                    notices.get(0)
                            .startsWith("discord: cannot reach http://127.0.0.1:9/ (Connection refused);"
                                    + " running without it, next try in"),
                    notices.toString());
            assertEquals(1, notices.get(0).lines().count());
            Await.until(Duration.ofSeconds(10), () -> notices.contains("discord started"), () -> notices.toString());
            assertEquals(State.RUNNING, s.status().get(1).state());
            assertEquals(0, s.status().get(1).restarts(), "connecting late is not a restart");
        }
    }

    @Test
    void aFatalRefusalStopsTheStartAndStopsWhatAlreadyRan() {
        Worker pump = new Worker("pump", false);
        Worker twitch = new Worker("twitch", true, "pump");
        twitch.failStart = new FatalServiceException("SWITCHBOARD_TWITCH_TOKEN was rejected (401)", null);
        Supervisor s = new Supervisor(List.of(pump, twitch), FAST, Clock.systemUTC(), listener);
        FatalServiceException e = assertThrows(FatalServiceException.class, s::startAll);
        assertEquals("cannot start the twitch: SWITCHBOARD_TWITCH_TOKEN was rejected (401)", e.getMessage());
        assertEquals(List.of("start pump", "start twitch", "stop twitch", "stop twitch", "stop pump"), log);
    }

    @Test
    void aRequiredServiceThatCannotStartStopsTheStartWithOneLine() {
        Worker pump = new Worker("pump", false);
        pump.failStart = new IllegalStateException("cannot open the inbox\nsecond line");
        Supervisor s = new Supervisor(List.of(pump), FAST, Clock.systemUTC(), listener);
        ServiceStartException e = assertThrows(ServiceStartException.class, s::startAll);
        assertEquals("cannot start the pump: cannot open the inbox", e.getMessage());
    }

    @Test
    void aCircleOfDependenciesIsRefused() {
        Worker a = new Worker("a", false, "b");
        Worker b = new Worker("b", false, "a");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new Supervisor(List.of(a, b), FAST, Clock.systemUTC(), listener));
        assertTrue(e.getMessage().contains("circle"), e.getMessage());
    }

    private List<ServiceStatus> readStatus() {
        try {
            return StatusFile.read(StatusFile.in(dir))
                    .map(StatusFile.Snapshot::services)
                    .orElse(List.of());
        } catch (IOException e) {
            return List.of();
        }
    }

    private String statusText() {
        return readStatus().toString();
    }
}
