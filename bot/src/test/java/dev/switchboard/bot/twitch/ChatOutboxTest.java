package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

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
}
