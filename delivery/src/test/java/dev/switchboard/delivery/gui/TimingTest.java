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
            timing.recordPaste("A", 800);
            timing.recordSubmit("A", 10);
        }
        assertEquals(3300, timing.timingFor("A").pasteTimeoutMs()); // 4 x 800 + 100
        assertEquals(GuiTiming.DEFAULTS.pasteTimeoutMs(), timing.timingFor("B").pasteTimeoutMs());
    }

    @Test
    void aFewFastSamplesNeverLowerATimeoutBelowWhatALoadedMachineNeeds() {
        // GIVEN a quiet machine where every paste showed within 100 ms (4 x 100 + 100 = 500 ms)
        AdaptiveTiming timing = new AdaptiveTiming(null);
        for (int i = 0; i < AdaptiveTiming.MIN_SAMPLES; i++) {
            timing.recordPaste("A", 100);
            timing.recordSubmit("A", 10);
        }
        // THEN the timeouts stay at the floor (a loaded machine's Chromium paste took over 744 ms)
        assertEquals(AdaptiveTiming.FLOOR_MS, timing.timingFor("A").pasteTimeoutMs());
        assertEquals(AdaptiveTiming.FLOOR_MS, timing.timingFor("A").submitTimeoutMs());
        assertTrue(AdaptiveTiming.FLOOR_MS >= 1000, "the floor must cover a loaded machine");
    }

    @Test
    void aMissDoublesTheTimeoutsAndASteadyRunNarrowsThemAgain() {
        AdaptiveTiming timing = new AdaptiveTiming(null);
        for (int i = 0; i < AdaptiveTiming.MIN_SAMPLES; i++) {
            timing.recordPaste("A", 100);
        }
        timing.recordMiss("A");
        assertEquals(2 * AdaptiveTiming.FLOOR_MS, timing.timingFor("A").pasteTimeoutMs());
        timing.recordMiss("A");
        timing.recordMiss("A");
        assertEquals(
                AdaptiveTiming.MAX_WIDENING * AdaptiveTiming.FLOOR_MS,
                timing.timingFor("A").pasteTimeoutMs());
        assertEquals(
                GuiTiming.DEFAULTS.pasteTimeoutMs(),
                timing.timingFor("B").pasteTimeoutMs(),
                "other agents keep theirs");
        for (int i = 0; i < AdaptiveTiming.SUCCESSES_TO_NARROW; i++) {
            timing.recordPaste("A", 100);
        }
        assertEquals(2 * AdaptiveTiming.FLOOR_MS, timing.timingFor("A").pasteTimeoutMs());
    }

    @Test
    void aCalibratedTimeoutIsALowerBound() {
        TimingStore store = new TimingStore(dir);
        store.put("A", new GuiTiming(0, 1900, 1900, 2, 100));
        AdaptiveTiming timing = new AdaptiveTiming(store);
        for (int i = 0; i < AdaptiveTiming.MIN_SAMPLES; i++) {
            timing.recordPaste("A", 10);
        }
        assertEquals(1900, timing.timingFor("A").pasteTimeoutMs());
        for (int i = 0; i < AdaptiveTiming.WINDOW; i++) {
            timing.recordPaste("A", 1000);
        }
        assertEquals(4100, timing.timingFor("A").pasteTimeoutMs());
    }

    @Test
    void theCalibratedBoxIsStoredBesideTheTimingAndSurvivesARecalibrationOfTheTiming() throws Exception {
        TimingStore store = new TimingStore(dir);
        int[] px = new int[200 * 60];
        java.util.Arrays.fill(px, 0xFFFFFFFF);
        px[61] = 0xFF000000;
        BoxLook box = new BoxLook(new Region(-1500, 300, 200, 60), new Look(200, 60, px));
        store.put("A", GuiTiming.DEFAULTS);
        store.putBox("A", box);
        store.put("A", new GuiTiming(0, 1700, 1700, 2, 100));

        BoxLook read = new TimingStore(dir).box("A").orElseThrow();
        assertEquals(box.watch(), read.watch());
        assertTrue(read.empty().identical(box.empty()));
        assertEquals(1700, new TimingStore(dir).get("A").orElseThrow().pasteTimeoutMs());
        assertTrue(Files.size(store.file()) < 2_000, "an empty look is stored compressed");
        assertTrue(new TimingStore(dir).box("B").isEmpty());
    }
}
