package dev.switchboard.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The "look now" of polling loops. Waits of an hour: only the signal can end them within the test's timeout. */
@Timeout(30)
class WakeSignalTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Test
    void aWakeBeforeTheWaitIsKeptAndSeveralCountAsOne() throws InterruptedException {
        WakeSignal signal = new WakeSignal();
        signal.wake();
        signal.wake();

        assertTrue(signal.await(HOUR), "the wake that came while the loop was busy");
        assertFalse(signal.await(0), "the second wake was the same one");
    }

    @Test
    void aWaitWithNoWakeRunsOut() throws InterruptedException {
        assertFalse(new WakeSignal().await(1));
    }

    @Test
    void aWakeFromAnotherThreadEndsAWaitInProgress() throws Exception {
        WakeSignal signal = new WakeSignal();
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.await(HOUR);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Wakes until the waiter has returned: a wake before its wait began is kept, so one would do, but
        // repeating it does not depend on that.
        while (!waited.isDone()) {
            signal.wake();
            Thread.sleep(5);
        }
        assertTrue(waited.get(10, TimeUnit.SECONDS));
    }

    @Test
    void afterCloseEveryWaitReturnsAtOnce() throws InterruptedException {
        WakeSignal signal = new WakeSignal();
        signal.close();

        for (int i = 0; i < 3; i++) {
            assertTrue(signal.await(HOUR));
        }
        assertTrue(signal.closed());
    }

    @Test
    void aLoopStopsAtOnceWhenItsStopClosesTheSignalAndThePassesAfterItAreNoFailure() {
        // GIVEN a loop whose pass waits an hour for a wake, with an hour's stop bound, and which fails when it
        // finds the signal closed (as a pass blocked on a socket does when its socket is closed)
        WakeSignal signal = new WakeSignal();
        BackgroundLoop loop = BackgroundLoop.named("waits-for-work")
                .stopWithin(Duration.ofHours(1))
                .unblockWith(signal::close)
                .start(() -> {
                    signal.await(HOUR);
                    if (signal.closed()) {
                        throw new IllegalStateException("closed under me");
                    }
                });

        // WHEN it is stopped, THEN it ends (only the unblocking lets it within the timeout), and the failure
        // that came from stopping is not taken for one
        assertTrue(loop.stop());
        assertFalse(loop.alive());
        assertFalse(loop.failing());
        assertEquals(true, signal.closed());
    }
}
