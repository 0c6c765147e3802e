package dev.switchboard.commands.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Rig;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.Destination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox watcher's and the router's threads: a failing pass is retried, and their liveness is visible. */
class AnswerLoopsTest {
    @TempDir
    Path dir;

    @Test
    void aScanThatThrowsIsRetriedAndBothLoopsReportTheirThreadUntilClosed() throws Exception {
        try (Rig rig = new Rig(dir)) {
            // GIVEN an answer in Agent-1's outbox, and an agent list that fails the first time it is read
            AtomicInteger reads = new AtomicInteger();
            Supplier<List<AgentConfig>> agents = () -> {
                if (reads.getAndIncrement() == 0) {
                    throw new IllegalStateException("the agent list is being replaced");
                }
                return rig.agents.all();
            };
            Path outbox = rig.workspace("Agent-1").resolve("outbox");
            Files.createDirectories(outbox);
            Files.writeString(outbox.resolve("0001_done.md"), "all tests pass");
            LinkedBlockingQueue<Answer> shown = new LinkedBlockingQueue<>();
            AnswerSink sink = new AnswerSink() {
                @Override
                public String name() {
                    return "test";
                }

                @Override
                public CompletableFuture<Void> post(Answer answer) {
                    shown.add(answer);
                    return CompletableFuture.completedFuture(null);
                }
            };
            AnswerRouter router = new AnswerRouter(rig.answers, 20, Duration.ofMillis(10), Clock.systemUTC());
            // a clock a minute ahead: the file has settled
            OutboxWatcher watcher = new OutboxWatcher(
                    agents,
                    a -> rig.workspace(a.id()).resolve("outbox"),
                    rig.intake,
                    (agent, line) -> {},
                    20,
                    Duration.ofMillis(300),
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
            try {
                router.register(Destination.STATUS, sink);
                // WHEN the watcher's first scan throws, THEN a later one takes the answer and the router shows it
                Answer answer = shown.poll(10, TimeUnit.SECONDS);
                assertNotNull(answer, "the answer was not taken after the failed scan");
                assertEquals("all tests pass", answer.body());
                assertTrue(reads.get() > 1);
                assertTrue(watcher.isAlive(), "the outbox watcher's thread runs");
                assertTrue(router.isAlive(), "the router's thread runs");
            } finally {
                watcher.close();
                router.close();
            }
            // AND once closed, neither claims to run (the supervisor's health check reads this)
            assertFalse(watcher.isAlive());
            assertFalse(router.isAlive());
            // (checked after close, which joins the pass: the move follows the commit the router saw)
            assertTrue(Files.exists(outbox.resolve(OutboxWatcher.SENT).resolve("0001_done.md")));
        }
    }
}
