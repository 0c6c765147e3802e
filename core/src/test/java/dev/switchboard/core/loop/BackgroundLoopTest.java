package dev.switchboard.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one background loop: survives whatever a pass throws, logs a failure once, stops within its bound. */
class BackgroundLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void exceptionsAndErrorsDoNotEndTheLoop() {
        // GIVEN passes that throw a runtime exception, then an Error, then a checked exception, then work
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger worked = new AtomicInteger();
        try (BackgroundLoop loop = BackgroundLoop.named("test-loop")
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2))
                .start(() -> {
                    switch (passes.incrementAndGet()) {
                        case 1 -> throw new IllegalStateException("listener bug");
                        case 2 -> throw new AssertionError("an Error");
                        case 3 -> throw new IOException("disk");
                        default -> worked.incrementAndGet();
                    }
                })) {
            // THEN it goes on running passes after each of them
            Await.until(WAIT, () -> worked.get() >= 3, () -> "passes: " + passes.get());
            assertTrue(loop.alive());
            assertFalse(loop.failing());
        }
    }

    @Test
    void aPassThatDoesNotReturnIsInterruptedAfterTheBoundAndTheExitActionRuns() throws InterruptedException {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch exited = new CountDownLatch(1);
        BackgroundLoop loop = BackgroundLoop.named("stuck-loop")
                .stopWithin(Duration.ofMillis(50))
                .atExit(exited::countDown)
                .start(() -> {
                    inPass.countDown();
                    Thread.sleep(Long.MAX_VALUE);
                });
        assertTrue(inPass.await(10, TimeUnit.SECONDS));

        assertTrue(loop.stop(), "stopped");

        assertTrue(exited.await(10, TimeUnit.SECONDS));
        assertFalse(loop.alive());
    }

    @Test
    void aStopDuringTheBackOffEndsTheLoopAtOnce() throws InterruptedException {
        CountDownLatch failedOnce = new CountDownLatch(1);
        BackgroundLoop loop = BackgroundLoop.named("backing-off")
                .backoff(Duration.ofHours(1), Duration.ofHours(1))
                .stopWithin(Duration.ofHours(1))
                .start(() -> {
                    failedOnce.countDown();
                    throw new IllegalStateException("down");
                });
        assertTrue(failedOnce.await(10, TimeUnit.SECONDS));
        Await.until(WAIT, loop::failing, () -> "not failing yet");

        // An hour's back-off and an hour's bound: only a prompt wake-up lets this return
        assertTrue(loop.stop());
    }

    @Test
    void theSameFailureIsLoggedOnceAndAChangeOrRecoveryAgain() {
        FailureLog log = new FailureLog(LoggerFactory.getLogger(BackgroundLoopTest.class), "the test");

        assertTrue(log.failed(new RuntimeException("commit failed; 3 ops", new IOException("No space left"))));
        assertFalse(log.failed(new RuntimeException("commit failed; 7 ops", new IOException("No space left"))));
        assertTrue(log.failed(new RuntimeException("commit failed", new IOException("Read-only file system"))));
        assertTrue(log.succeeded());
        assertFalse(log.succeeded());
        assertTrue(log.failed(new RuntimeException("commit failed", new IOException("Read-only file system"))));
        // A failure whose message names its file is told apart by the key its owner gives
        assertTrue(log.failed("cannot write: No space left on device", new IOException("/ws/a.md: No space left")));
        assertFalse(log.failed("cannot write: No space left on device", new IOException("/ws/b.md: No space left")));
        assertEquals(
                "commit failed (IOException: No space left)",
                FailureLog.oneLine(new RuntimeException("commit failed", new IOException("No space left"))));
    }
}
