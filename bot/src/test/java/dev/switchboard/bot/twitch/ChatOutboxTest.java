package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(60)
class ChatOutboxTest {
    private static final Duration PERIOD = Duration.ofMillis(400);

    @Test
    void linesLeaveInOrderAndNeverFasterThanTheWindow() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (ChatOutbox outbox = ChatOutbox.start(sink, 3, PERIOD, System::nanoTime)) {
            for (int i = 0; i < 8; i++) {
                assertTrue(outbox.offer(new OutgoingChat("c", "line " + i, "m" + i, false)));
            }
            List<RecordingSink.Sent> sent = sink.await(8, Duration.ofSeconds(10));
            assertEquals(IntStream.range(0, 8).mapToObj(i -> "line " + i).toList(), sink.texts());
            // Any 4 consecutive sends span at least one full window.
            for (int i = 3; i < sent.size(); i++) {
                long span = sent.get(i).nanos() - sent.get(i - 3).nanos();
                assertTrue(span >= PERIOD.toNanos(), "4 sends within " + span / 1_000_000 + " ms");
            }
        }
    }

    @Test
    void optionalLinesAreRefusedWhenTheyWouldHaveToWait() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (ChatOutbox outbox = ChatOutbox.start(sink, 2, Duration.ofSeconds(30), System::nanoTime)) {
            assertTrue(outbox.hasRoomNow(2));
            assertTrue(outbox.offer(new OutgoingChat("c", "a", null, true)));
            assertTrue(outbox.offer(new OutgoingChat("c", "b", null, true)));
            assertFalse(outbox.hasRoomNow(1));
            assertFalse(outbox.offer(new OutgoingChat("c", "viewer answer", null, true)));
            assertTrue(outbox.offer(new OutgoingChat("c", "operator status", null, false)));
            sink.await(2, Duration.ofSeconds(5));
            assertEquals(List.of("a", "b"), sink.texts());
            assertEquals(1, outbox.pending(), "the non-optional line waits for the window");
        }
    }

    @Test
    void aSendThatThrowsCostsThatLineOnlyAndTheSenderGoesOn() throws Exception {
        // GIVEN a sink that fails on the second line (a bug, or twitch4j refusing it)
        RecordingSink sink = new RecordingSink();
        ChatSink failingOnce = line -> {
            if (line.text().equals("line 1")) {
                throw new IllegalStateException("not connected");
            }
            sink.send(line);
        };
        try (ChatOutbox outbox = ChatOutbox.start(failingOnce, 10, Duration.ofSeconds(30), System::nanoTime)) {
            for (int i = 0; i < 4; i++) {
                assertTrue(outbox.offer(new OutgoingChat("c", "line " + i, null, false)));
            }

            // THEN the others still leave, in order, and the sender is still running
            sink.await(3, Duration.ofSeconds(10));
            assertEquals(List.of("line 0", "line 2", "line 3"), sink.texts());
            assertTrue(outbox.isAlive());
            assertTrue(outbox.offer(new OutgoingChat("c", "after", null, false)));
            sink.await(4, Duration.ofSeconds(10));
        }
    }

    @Test
    void closeIsBoundedWhileASendHangs() throws Exception {
        CountDownLatch inSend = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ChatOutbox outbox = ChatOutbox.start(
                line -> {
                    inSend.countDown();
                    try {
                        never.await(); // Twitch never acknowledges
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                10,
                Duration.ofSeconds(30),
                System::nanoTime);
        assertTrue(outbox.offer(new OutgoingChat("c", "hangs", null, false)));
        assertTrue(inSend.await(10, TimeUnit.SECONDS));

        outbox.close(); // returns (the class timeout guards it): the hanging send is interrupted after the bound

        assertFalse(outbox.isAlive());
        assertFalse(outbox.offer(new OutgoingChat("c", "after close", null, false)));
    }

    @Test
    void aFullOutboxSaysSoOnceAndCountsTheDroppedLinesWhenThereIsRoomAgain() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ChatOutbox.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO); // the count that ends the drop is an INFO line
        log.start();
        logger.addAppender(log);
        CountDownLatch inSend = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink sink = new RecordingSink();
        try (ChatOutbox outbox = ChatOutbox.start(
                line -> {
                    inSend.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    sink.send(line);
                },
                new SendWindow(100, Duration.ofSeconds(30), System::nanoTime),
                3)) {
            // GIVEN a send that hangs and 3 lines waiting behind it: the outbox is full
            assertTrue(outbox.offer(new OutgoingChat("c", "first", null, false)));
            assertTrue(inSend.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                assertTrue(outbox.offer(new OutgoingChat("c", "waiting " + i, null, false)));
            }

            // WHEN 50 more come
            for (int i = 0; i < 50; i++) {
                assertFalse(outbox.offer(new OutgoingChat("c", "dropped " + i, null, false)));
            }
            // THEN one warning says so, not one per line
            assertEquals(
                    1, log.list.stream().filter(e -> e.getLevel() == Level.WARN).count(), log.list::toString);

            // WHEN the sends go on and a line fits again, THEN one line counts what was dropped
            release.countDown();
            sink.await(4, Duration.ofSeconds(10));
            assertTrue(outbox.offer(new OutgoingChat("c", "room again", null, false)));
            sink.await(5, Duration.ofSeconds(10));
            List<String> summaries = log.list.stream()
                    .filter(e -> e.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertEquals(
                    List.of("twitch: the outbox has room again; 50 line(s) were dropped while it was full"), summaries);
            assertEquals(
                    1, log.list.stream().filter(e -> e.getLevel() == Level.WARN).count(), log.list::toString);
        } finally {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
    }
}
