package dev.switchboard.core.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's knock on the running service's Unix socket: a failing wake-up does not end the listening. */
@Timeout(60)
class ChangeNudgeTest {
    @TempDir
    Path dir;

    @Test
    void aWakeUpThatThrowsDoesNotEndTheListeningAndCloseEndsIt() {
        // GIVEN a service whose first wake-up fails (a bug in what it wakes)
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger woken = new AtomicInteger();
        ChangeNudge nudge = ChangeNudge.listen(dir, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the pump is not there yet");
            }
            woken.incrementAndGet();
        });
        assertNotNull(nudge, "no Unix socket here");
        try {
            // WHEN the CLI knocks, and knocks again after the first wake-up failed
            assertTrue(ChangeNudge.nudge(dir));
            Await.until(Duration.ofSeconds(10), () -> calls.get() >= 1, () -> "first knock not seen");
            assertTrue(ChangeNudge.nudge(dir));

            // THEN the second knock wakes it, and it still listens
            Await.until(Duration.ofSeconds(10), () -> woken.get() == 1, () -> "calls: " + calls.get());
            assertTrue(nudge.isAlive());
        } finally {
            nudge.close(); // returns (the class timeout guards it): the stop closes the socket under the accept
        }
        assertFalse(nudge.isAlive());
        assertFalse(Files.exists(dir.resolve(ChangeNudge.FILE)), "socket file removed");
        assertFalse(ChangeNudge.nudge(dir), "nobody listens any more");
    }
}
