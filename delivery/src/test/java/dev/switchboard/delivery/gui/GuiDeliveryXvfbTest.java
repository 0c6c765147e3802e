package dev.switchboard.delivery.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.GuiConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.testutil.Displays;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.gui.TargetProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real Robot, real clipboard, a real Swing target window in its own JVM, under Xvfb. */
@Timeout(120)
class GuiDeliveryXvfbTest {

    @TempDir
    Path dir;

    private final AwtClipboard clipboard = new AwtClipboard();

    @BeforeEach
    void needsDisplay() {
        Displays.assumeDisplay();
    }

    static AgentConfig agent(String id, ScreenPoint input, ScreenPoint starter, String submit) {
        return new AgentConfig(
                id,
                List.of(),
                List.of(),
                List.of(DeliveryMethod.GUI, DeliveryMethod.INBOX),
                null,
                new GuiConfig(input, starter, submit),
                null);
    }

    private GuiDeliverer deliverer() {
        return new GuiDeliverer(new AwtDesktop(), clipboard, new InputLock(), new AdaptiveTiming(null));
    }

    @Test
    void twoHundredAwkwardMessagesArriveExactlyInOrderAllVerifiedAndTheClipboardIsRestored() throws Exception {
        // GIVEN a chat box target, and the user's own text on the clipboard and mouse pointer in a corner
        List<String> texts = Messages.awkwardTexts(200);
        clipboard.put("the user's own clipboard text");
        AwtDesktop desktop = new AwtDesktop();
        desktop.movePointer(3, 4);
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 60, 80, "enter")) {
            AgentConfig agent = agent("Agent-1", target.inputBox(), null, "enter");
            GuiDeliverer gui = deliverer();
            assertEquals(java.util.Optional.empty(), gui.preflight(agent));

            // WHEN every text is delivered through the GUI
            List<DeliveryOutcome> outcomes = new ArrayList<>();
            for (String text : texts) {
                outcomes.add(gui.deliver(Messages.to("Agent-1", text), agent));
            }

            // THEN each is reported verified, and the target got exactly those texts, in order, once each
            for (int i = 0; i < outcomes.size(); i++) {
                DeliveryOutcome o = outcomes.get(i);
                assertTrue(o.delivered() && o.verified(), "message " + i + ": " + o);
            }
            assertEquals(texts, target.submitted());
        }
        assertEquals("the user's own clipboard text", clipboard.save().text());
        assertEquals(
                java.util.Optional.of(new dev.switchboard.config.ScreenPoint(3, 4)),
                desktop.pointer(),
                "the pointer is back where the user had it");
    }

    @Test
    void aBoxWhereEnterDoesNotSubmitIsReportedAsTypedButNotSubmitted() throws Exception {
        // GIVEN a box whose Enter only adds a new line (its real submit key is something else)
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 60, 420, "none")) {
            AgentConfig agent = agent("Agent-2", target.inputBox(), null, "enter");

            // WHEN a message is delivered with Enter as the submit key
            DeliveryOutcome outcome = deliverer().deliver(Messages.to("Agent-2", "please rebase onto main"), agent);

            // THEN it is a failure that says so, never "delivered", and no other method may run (text is there)
            assertFalse(outcome.delivered(), outcome.toString());
            assertFalse(outcome.verified());
            assertFalse(outcome.fallbackAllowed(), "text sits in the box: a fallback would deliver it twice");
            assertTrue(outcome.detail().startsWith("typed but not submitted"), outcome.detail());
            assertEquals(List.of(), target.submitted());
        }
    }

    @Test
    void aConfiguredCtrlEnterSubmitKeyIsPressed() throws Exception {
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 60, 420, "ctrl+enter")) {
            AgentConfig agent = agent("Agent-3", target.inputBox(), null, "ctrl+enter");
            DeliveryOutcome outcome = deliverer().deliver(Messages.to("Agent-3", "line one\nline two"), agent);
            assertTrue(outcome.verified(), outcome.toString());
            assertEquals(List.of("line one\nline two"), target.submitted());
        }
    }

    @Test
    void onboardingClicksTheStarterBoxThenDeliversIntoTheFreshChat() throws Exception {
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 60, 420, "enter")) {
            AgentConfig agent = agent("Agent-4", target.inputBox(), target.newChatButton(), "enter");
            GuiDeliverer gui = deliverer();

            DeliveryOutcome o =
                    gui.deliverOnboarding(Messages.to("Agent-4", "welcome, Agent-4:\nread the rules"), agent);

            assertTrue(o.verified(), o.toString());
            assertEquals(1, target.newChats());
            assertEquals(List.of("welcome, Agent-4:\nread the rules"), target.submitted());
        }
    }
}
