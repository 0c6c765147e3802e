package dev.switchboard.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.message.MessageState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSE stream observed while messages flow, and a resume with Last-Event-ID after a disconnect. */
class WebEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    WebRig rig;

    @BeforeEach
    void start() throws IOException {
        rig = WebRig.start(dir, 100);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void everyStateChangeArrivesOnceInOrderAndAResumeGetsExactlyWhatWasMissed() throws Exception {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        long lastSeq;
        try (SseReader live = new SseReader(rig.http, rig.base.resolve("api/v1/events"), null)) {
            assertEquals(200, live.status());
            SseReader.Event ready = live.next(WAIT);
            assertNotNull(ready, "the stream says it is ready");
            assertEquals("ready", ready.event());

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(rig.sendMessage("Agent-" + (i % 3 + 1), "flow " + i));
            }
            lastSeq = collect(live, seen, ids, "delivered");
            for (String id : ids) {
                assertEquals(List.of("queued", "delivering", "delivered"), seen.get(id), id);
            }
        }

        // while nobody listens: three more messages are queued and delivered, one of them is read
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add(rig.sendMessage("Agent-2", "missed " + i));
        }
        for (String id : missed) {
            rig.awaitState(id, MessageState.DELIVERED);
        }
        assertTrue(rig.app.queue().markRead(missed.get(0), "test"));

        Map<String, List<String>> resumed = new LinkedHashMap<>();
        try (SseReader again = new SseReader(rig.http, rig.base.resolve("api/v1/events"), Long.toString(lastSeq))) {
            long resumedUpTo = collect(again, resumed, missed, "delivered");
            assertTrue(resumedUpTo > lastSeq);
            for (String id : missed.subList(1, 3)) {
                assertEquals(List.of("queued", "delivering", "delivered"), resumed.get(id), id);
            }
            List<String> first = resumed.get(missed.get(0));
            if (!first.contains("read")) { // the read may come after the replay, live
                collect(again, resumed, List.of(missed.get(0)), "read");
            }
            assertEquals(List.of("queued", "delivering", "delivered", "read"), resumed.get(missed.get(0)));
            Set<String> before = new LinkedHashSet<>(seen.keySet());
            before.retainAll(resumed.keySet());
            assertTrue(before.isEmpty(), "nothing seen before the disconnect is sent again: " + before);
        }
    }

    @Test
    void aBadLastEventIdIsRefusedBeforeTheStreamStarts() throws Exception {
        try (SseReader bad = new SseReader(rig.http, rig.base.resolve("api/v1/events"), "yesterday")) {
            assertEquals(400, bad.status());
        }
        WebRig.Answer plain = rig.get("api/v1/events");
        assertEquals(400, plain.status());
        assertEquals("this is a Server-Sent Events stream: send Accept: text/event-stream", plain.error());
    }

    /**
     * Reads state events until every message in {@code ids} reached {@code until}; checks ids increase by
     * exactly the log's order (no gap is visible to the client as a repeated or lower id).
     *
     * @return the last event id seen
     */
    private static long collect(SseReader reader, Map<String, List<String>> seen, List<String> ids, String until)
            throws InterruptedException {
        long last = -1;
        while (!ids.stream().allMatch(id -> seen.getOrDefault(id, List.of()).contains(until))) {
            SseReader.Event e = reader.next(WAIT);
            assertNotNull(e, "no event within " + WAIT + "; seen " + seen);
            if (!e.event().equals("state")) {
                continue;
            }
            long seq = Long.parseLong(e.id());
            assertEquals(seq, e.data().path("seq").asLong());
            assertTrue(seq > last, "ids increase: " + seq + " after " + last);
            last = seq;
            seen.computeIfAbsent(e.data().path("message_id").asText(), k -> new ArrayList<>())
                    .add(e.data().path("to").asText());
        }
        return last;
    }
}
