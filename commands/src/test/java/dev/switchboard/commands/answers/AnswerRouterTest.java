package dev.switchboard.commands.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.commands.Rig;
import dev.switchboard.core.answers.Answer;
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
            boolean down = refuse; // decided before the test can see this post and change it
            posted.add(answer);
            return down
                    ? CompletableFuture.failedFuture(new IllegalStateException("down"))
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

    /** Names a sink (the router tells sinks apart by name). */
    private static final class NamedSink implements AnswerSink {
        final Sink inner = new Sink();
        private final String name;

        NamedSink(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CompletableFuture<Void> post(Answer answer) {
            return inner.post(answer);
        }
    }

    @Test
    void aStatusAnswerShownOnTheConsoleStillReachesDiscordOnceItIsBack() throws Exception {
        try (Rig rig = new Rig(dir);
                AnswerRouter router = new AnswerRouter(rig.answers, 20, Duration.ofMillis(30), Clock.systemUTC())) {
            NamedSink console = new NamedSink("console");
            NamedSink discord = new NamedSink("discord");
            discord.inner.refuse = true;
            router.register(Destination.STATUS, console);
            router.register(Destination.STATUS, discord);
            rig.intake.take(new AgentAnswer("Agent-2", null, null, "status news", "t"));

            assertEquals(
                    "status news",
                    discord.inner.posted.poll(10, TimeUnit.SECONDS).body());
            discord.inner.refuse = false;
            assertEquals(
                    "status news",
                    discord.inner.posted.poll(10, TimeUnit.SECONDS).body(),
                    "tried again");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rig.answers.countWaiting() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, rig.answers.countWaiting(), "posted once both have it");
            assertEquals(1, console.inner.posted.size(), "the console showed it once, not on every retry");
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
            rig.answers.add(new Answer(
                    "a-1",
                    Answer.Kind.ANSWER,
                    "Agent-2",
                    null,
                    Destination.TWITCH,
                    null,
                    "hi",
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
