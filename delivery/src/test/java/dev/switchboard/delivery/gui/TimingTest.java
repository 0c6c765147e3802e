package dev.switchboard.delivery.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimingTest {

    @TempDir
    Path dir;

    @Test
    void storedTimingRoundTripsPerAgentInSnakeCaseJson() throws Exception {
        TimingStore store = new TimingStore(dir);
        GuiTiming t = new GuiTiming(12, 300, 400, 2, 150);
        store.put("Agent-1", t);
        store.put("Agent-2", GuiTiming.DEFAULTS);

        assertEquals(t, new TimingStore(dir).get("Agent-1").orElseThrow());
        assertTrue(Files.readString(store.file()).contains("\"paste_timeout_ms\" : 300"));
        assertTrue(new TimingStore(dir).get("Agent-3").isEmpty());
    }

    @Test
    void aCorruptTimingFileIsAnErrorThatSaysWhatToDo() throws Exception {
        Files.writeString(dir.resolve(TimingStore.FILE_NAME), "{not json");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new TimingStore(dir).get("A"));
        assertTrue(e.getMessage().contains("switchboard calibrate"), e.getMessage());
    }

    @Test
    void timeoutsFollowMeasuredLatencyOnceThereAreEnoughSamples() {
        AdaptiveTiming timing = new AdaptiveTiming(null);
        assertEquals(GuiTiming.DEFAULTS.pasteTimeoutMs(), timing.timingFor("A").pasteTimeoutMs());
        for (int i = 0; i < AdaptiveTiming.MIN_SAMPLES; i++) {
            timing.recordPaste("A", 100);
            timing.recordSubmit("A", 10);
        }
        assertEquals(500, timing.timingFor("A").pasteTimeoutMs());       // 4 x 100 + 100
        assertEquals(AdaptiveTiming.FLOOR_MS, timing.timingFor("A").submitTimeoutMs());
        assertEquals(GuiTiming.DEFAULTS.pasteTimeoutMs(), timing.timingFor("B").pasteTimeoutMs());
    }

    @Test
    void aCalibratedTimeoutIsALowerBound() {
        TimingStore store = new TimingStore(dir);
        store.put("A", new GuiTiming(0, 900, 900, 2, 100));
        AdaptiveTiming timing = new AdaptiveTiming(store);
        for (int i = 0; i < AdaptiveTiming.MIN_SAMPLES; i++) {
            timing.recordPaste("A", 10);
        }
        assertEquals(900, timing.timingFor("A").pasteTimeoutMs());
        for (int i = 0; i < AdaptiveTiming.WINDOW; i++) {
            timing.recordPaste("A", 1000);
        }
        assertEquals(4100, timing.timingFor("A").pasteTimeoutMs());
    }
}
