package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Await;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner's thread: a pass that throws must not end it, and its health follows the thread. */
class ScheduleRunnerTest {

    /** Fails its first look with a bug, then always has a schedule due. */
    private static final class FlakySchedules implements Schedules {
        final AtomicInteger looks = new AtomicInteger();
        final CountDownLatch fired = new CountDownLatch(2);

        @Override
        public Optional<Instant> nextDue() {
            if (looks.getAndIncrement() == 0) {
                throw new IllegalStateException("a schedule row the code cannot read");
            }
            return Optional.of(Instant.EPOCH);
        }

        @Override
        public List<Fired> fireDue() {
            fired.countDown();
            return List.of();
        }

        @Override
        public Schedule add(UnifiedMessage template, Duration every, Instant firstAt, String by) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Schedule> list(String agent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Schedule> find(String idOrShort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Schedule cancel(String idOrShort, String by) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<QueuedMessage> waiting(String agent, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aPassThatThrowsIsRetriedAndTheSchedulerKeepsFiring() throws Exception {
        FlakySchedules schedules = new FlakySchedules();
        ScheduleRunner runner = new ScheduleRunner(schedules, Clock.systemUTC(), 20);
        runner.start();
        try {
            // The first pass throws a RuntimeException; the runner used to die there and never fire again.
            assertTrue(schedules.fired.await(10, TimeUnit.SECONDS), "the scheduler stopped after one failure");
            assertTrue(runner.health().healthy(), runner.health().detail());
        } finally {
            runner.stop();
        }
        assertFalse(runner.health().healthy(), "a stopped scheduler is not healthy");
        // A supervisor restarts it after a stop: it looks again.
        int looks = schedules.looks.get();
        runner.start();
        try {
            Await.until(
                    Duration.ofSeconds(10),
                    () -> schedules.looks.get() > looks + 1,
                    () -> "the restarted scheduler does not look for due schedules");
            assertTrue(runner.health().healthy(), runner.health().detail());
        } finally {
            runner.stop();
        }
    }
}
