package dev.switchboard.delivery.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.testutil.Displays;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.BenchTexts;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.BrowserTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GUI delivery into a real browser: Debian's chromium in kiosk mode under Xvfb, showing a chat composer (a
 * 240 px tall textarea whose text starts at its top-left) that reports each submitted text to a local server.
 */
@Timeout(300)
class BrowserDeliveryXvfbTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsDisplayAndChromium() {
        Displays.assumeDisplay();
        Tools.require(
                BrowserTarget.available(),
                "browser test skipped: no chromium on the PATH (install the packages"
                        + " in scripts/test-packages.txt)");
    }

    private static AgentConfig agent(ScreenPoint input, String submit) {
        return GuiDeliveryXvfbTest.agent("Agent-1", input, null, submit);
    }

    private static GuiDeliverer deliverer() {
        return new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), new InputLock(), new AdaptiveTiming(null));
    }

    @Test
    void twoHundredMixedMessagesArriveExactlyOnceEachAllVerified() throws Exception {
        List<String> texts = IntStream.range(0, 200).mapToObj(BenchTexts::mixed).toList();
        assertTrue(
                texts.stream()
                        .allMatch(t -> t.getBytes(StandardCharsets.UTF_8).length >= 1024
                                && t.getBytes(StandardCharsets.UTF_8).length <= 4096),
                "1 to 4 KB each");
        try (BrowserTarget browser = BrowserTarget.start(null, "enter", dir)) {
            // the point is near the bottom of the composer; pasted text shows ~200 px above it, at the top-left
            AgentConfig agent = agent(browser.inputBox(), "enter");
            GuiDeliverer gui = deliverer();
            List<String> notVerified = new ArrayList<>();
            for (String text : texts) {
                DeliveryOutcome o = gui.deliver(Messages.to("Agent-1", text), agent);
                if (!o.verified()) {
                    notVerified.add(text.substring(0, text.indexOf('\n')) + ": " + o);
                }
            }
            assertEquals(List.of(), notVerified);
            assertTrue(
                    browser.awaitSubmitted(texts.size(), 30_000),
                    "the page reported " + browser.submitted().size());
            List<String> got = browser.submitted();
            assertEquals(texts.size(), got.size(), "each once");
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(texts.get(i), got.get(i), "message " + i + " exact, in order");
            }
        }
    }

    @Test
    void aBoxThatSubmitsOnlyOnCtrlEnterIsNeverPastedIntoWhileItHoldsAnUnsubmittedMessage() throws Exception {
        try (BrowserTarget browser = BrowserTarget.start(null, "ctrl+enter", dir)) {
            // GIVEN an agent configured with Enter, whose box only submits on Ctrl+Enter
            AgentConfig wrongKey = agent(browser.inputBox(), "enter");
            GuiDeliverer gui = deliverer();
            String first = "first message\nof two lines";
            DeliveryOutcome one = gui.deliver(Messages.to("Agent-1", first), wrongKey);
            assertFalse(one.delivered(), one.toString());
            assertFalse(one.fallbackAllowed(), "typed but not submitted: no other method may deliver it");
            assertTrue(one.detail().startsWith("typed but not submitted"), one.detail());

            // WHEN the next message comes
            String second = "second message, must never land inside the first";
            DeliveryOutcome two = gui.deliver(Messages.to("Agent-1", second), wrongKey);

            // THEN it fails clean (the next method may take it) and nothing is pasted
            assertFalse(two.delivered());
            assertTrue(two.fallbackAllowed());
            assertTrue(two.detail().startsWith(InputBoxes.NOT_EMPTY), two.detail());

            // AND after the user clears the box (the page reports every change up to that), the second message
            // never showed in it
            AwtDesktop desktop = new AwtDesktop();
            desktop.click(browser.inputBox().x(), browser.inputBox().y());
            desktop.press(KeyChord.selectAllForThisPlatform());
            desktop.press(new KeyChord(Set.of(), KeyChord.Key.BACKSPACE));
            List<String> contents = browser.valuesUntil("", 10_000).orElseThrow();
            assertTrue(contents.stream().noneMatch(c -> c.contains("second message")), contents.toString());
            assertTrue(contents.contains(first + "\n\n"), "the first stayed as typed, plus two new lines: " + contents);

            // AND with the right key configured, GUI delivery goes on into the emptied box
            DeliveryOutcome three =
                    gui.deliver(Messages.to("Agent-1", "third"), agent(browser.inputBox(), "ctrl+enter"));
            assertTrue(three.verified(), three.toString());
            assertTrue(browser.awaitSubmitted(1, 10_000));
            assertEquals(List.of("third"), browser.submitted());
        }
    }

    @Test
    void aBrowserWindowThatWasKilledAndStartedAgainIsUsedAgainAtOnce() throws Exception {
        GuiDeliverer gui = deliverer();
        AgentConfig agent;
        try (BrowserTarget first = BrowserTarget.start(null, "enter", dir.resolve("first"))) {
            agent = agent(first.inputBox(), "enter");
            assertTrue(gui.deliver(Messages.to("Agent-1", "before the crash"), agent)
                    .verified());
        }
        // GIVEN the window is gone (killed): nothing is pasted into what shows there instead
        DeliveryOutcome whileGone = gui.deliver(Messages.to("Agent-1", "while gone"), agent);
        assertFalse(whileGone.delivered());
        assertTrue(whileGone.fallbackAllowed() && !whileGone.mayBeInInput(), whileGone.toString());
        assertTrue(whileGone.detail().contains("is the window closed, covered or moved?"), whileGone.detail());

        // WHEN it is started again, at the same place
        try (BrowserTarget second = BrowserTarget.start(null, "enter", dir.resolve("second"))) {
            assertEquals(agent.gui().inputBox(), second.inputBox());
            // THEN GUI delivery works at once: its box looks empty as learned before the crash
            DeliveryOutcome after = gui.deliver(Messages.to("Agent-1", "after the restart"), agent);
            assertTrue(after.verified(), after.toString());
            assertTrue(second.awaitSubmitted(1, 10_000));
            assertEquals(List.of("after the restart"), second.submitted());
        }
    }

    @Test
    void calibrationWatchesWhereThePastedTextShowsAtTheComposersTopLeft() throws Exception {
        try (BrowserTarget browser = BrowserTarget.start(null, "enter", dir)) {
            AgentConfig agent = agent(browser.inputBox(), "enter");
            Calibrator.Result r = Calibrator.create(dir).calibrate(agent, 2);

            ScreenPoint corner = browser.composerTopLeft();
            assertTrue(r.watch().contains(corner.x() + 10, corner.y() + 10), "the text starts top-left: " + r.watch());
            assertFalse(
                    r.watch().contains(corner.x() - 10, corner.y() - 10), "nothing outside the composer: " + r.watch());
            assertTrue(new TimingStore(dir).box("Agent-1").isPresent());
            assertEquals(List.of(), browser.submitted(), "calibration submits nothing");

            GuiDeliverer calibrated = new GuiDeliverer(
                    new AwtDesktop(), new AwtClipboard(), new InputLock(), new AdaptiveTiming(new TimingStore(dir)));
            for (String text : List.of("one", "two\nlines", "three")) {
                assertTrue(
                        calibrated.deliver(Messages.to("Agent-1", text), agent).verified(), text);
            }
            assertTrue(browser.awaitSubmitted(3, 10_000));
            assertEquals(List.of("one", "two\nlines", "three"), browser.submitted());
        }
    }
}
