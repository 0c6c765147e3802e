package dev.switchboard.commands.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.commands.Rig;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.AnswerStore;
import dev.switchboard.core.answers.Destination;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerRouterTest {
    @TempDir
    Path dir;

    /** Records what it was given; answers as {@code result} says. */
    private static final class Sink implements AnswerSink {
        final LinkedBlockingQueue<Answer> posted = new LinkedBlockingQueue<>();
        volatile boolean refuse;

        @Override
        public String name() {
            return "test";
        }

        @Override
        public CompletableFuture<Void> post(Answer answer) {
            posted.add(answer);
            return refuse ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                    : CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void anAnswerWaitsDurablyUntilAFrontEndIsUpAndIsPostedOnceAcrossARestart() throws Exception {
        try (Rig rig = new Rig(dir)) {
            // GIVEN an answer for the status channel and one for Discord, while nothing shows answers
            rig.intake.take(new AgentAnswer("Agent-2", null, null, "first", "t"));
            rig.intake.take(new AgentAnswer("Agent-3", null, null, "second", "t"));
            Sink status = new Sink();
            try (AnswerRouter router = new AnswerRouter(rig.answers, 20, Duration.ofMillis(10), Clock.systemUTC())) {
                // WHEN a sink comes up: both, in order, once
                router.register(Destination.STATUS, status);
                assertEquals("first", status.posted.poll(10, TimeUnit.SECONDS).body());
                assertEquals("second", status.posted.poll(10, TimeUnit.SECONDS).body());
            }
            assertEquals(0, rig.answers.countWaiting());
        }
        // THEN after a restart nothing is posted again, and a new answer is
        try (Rig rig = new Rig(dir);
             AnswerRouter router = new AnswerRouter(rig.answers, 20, Duration.ofMillis(10), Clock.systemUTC())) {
            Sink status = new Sink();
            router.register(Destination.STATUS, status);
            rig.intake.take(new AgentAnswer("Agent-1", null, null, "third", "t"));
            assertEquals("third", status.posted.poll(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void aRefusedPostIsTriedAgainAndEachDestinationOnlyGetsItsOwn() throws Exception {
        try (Rig rig = new Rig(dir);
             AnswerRouter router = new AnswerRouter(rig.answers, 20, Duration.ofMillis(50), Clock.systemUTC())) {
            Sink twitch = new Sink();
            Sink status = new Sink();
            twitch.refuse = true;
            router.register(Destination.TWITCH, twitch);
            router.register(Destination.STATUS, status);
            rig.answers.add(new Answer("a-1", Answer.Kind.ANSWER, "Agent-2", null, Destination.TWITCH, null, "hi",
                    java.time.Instant.now()));
            router.wakeUp();
            assertEquals("a-1", twitch.posted.poll(10, TimeUnit.SECONDS).id());
            twitch.refuse = false;
            assertEquals("a-1", twitch.posted.poll(10, TimeUnit.SECONDS).id(), "tried again");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rig.answers.countWaiting() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, rig.answers.countWaiting());
            assertEquals(List.of(), List.copyOf(status.posted), "a Twitch answer is not posted in the status channel");
        }
    }
}
