package dev.switchboard.delivery.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.delivery.testutil.Displays;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.gui.TargetProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class CalibratorXvfbTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsDisplay() {
        Displays.assumeDisplay();
    }

    @Test
    void calibrationMeasuresStoresTimingAndNeverSubmits() throws Exception {
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 60, 80, "enter")) {
            AgentConfig agent = GuiDeliveryXvfbTest.agent("Agent-1", target.inputBox(), null, "enter");
            Calibrator.Result r = Calibrator.create(dir).calibrate(agent, 3);

            assertEquals(List.of(), target.submitted(), "calibration must not submit anything");
            assertEquals(r.timing(), new TimingStore(dir).get("Agent-1").orElseThrow());
            assertTrue(r.timing().pasteTimeoutMs() >= AdaptiveTiming.FLOOR_MS);

            // and delivery then uses the stored timing and still works
            GuiDeliverer gui = GuiDeliverer.create(dir);
            assertTrue(gui.deliver(Messages.to("Agent-1", "after calibration"), agent)
                    .verified());
            assertEquals(List.of("after calibration"), target.submitted());
        }
    }

    @Test
    void calibratingAgainstNothingSaysWhatToCheck() throws Exception {
        ScreenPoint where;
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("gone.log"), 60, 80, "enter")) {
            where = target.inputBox();
        }
        AgentConfig agent = GuiDeliveryXvfbTest.agent("Agent-1", where, null, "enter");
        Calibrator.CalibrationException e = assertThrows(
                Calibrator.CalibrationException.class,
                () -> Calibrator.create(dir).calibrate(agent, 1));
        assertTrue(e.getMessage().contains("paste not seen"), e.getMessage());
        assertTrue(new TimingStore(dir).get("Agent-1").isEmpty());
    }
}
