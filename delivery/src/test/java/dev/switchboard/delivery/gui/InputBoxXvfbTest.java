package dev.switchboard.delivery.gui;

import static dev.switchboard.delivery.gui.GuiDeliveryXvfbTest.agent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.testutil.Displays;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.gui.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input box as a whole, against the Swing chat box in its own JVM under Xvfb, through the real delivery
 * chain (GUI, then inbox): text that shows away from the clicked point, a box holding a message typed but not
 * submitted, onboarding through the starter box, and calibration of the watched region.
 */
@Timeout(120)
class InputBoxXvfbTest {

    /** The target's box is about 230 px tall; its text starts at the top-left. */
    private static final int NEAR_THE_BOTTOM = 180;

    @TempDir
    Path dir;

    private FallbackChain chain;

    @BeforeEach
    void setUp() {
        Displays.assumeDisplay();
        chain = chain(new AdaptiveTiming(null));
    }

    private FallbackChain chain(AdaptiveTiming timing) {
        GuiDeliverer gui = new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), new InputLock(), timing);
        InboxDeliverer inbox = new InboxDeliverer(
                a -> dir.resolve("workspaces").resolve(a.id()).resolve("inbox"));
        return new FallbackChain(List.of(gui, inbox), 3, Duration.ofMinutes(5), Clock.systemUTC());
    }

    private static ScreenPoint below(ScreenPoint p, int dy) {
        return new ScreenPoint(p.x(), p.y() + dy);
    }

    @Test
    void textThatShowsFarAboveTheClickedPointIsSeenAndSubmittedNotSentToTheInboxToo() throws Exception {
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("tall.log"), 60, 80, "enter")) {
            // GIVEN the input point near the bottom of a tall box, where pasted text shows at the top-left
            AgentConfig agent = agent("Agent-1", below(target.inputBox(), NEAR_THE_BOTTOM), null, "enter");

            // WHEN three messages are delivered
            for (String text : List.of("first", "second\nwith two lines", "third")) {
                FallbackChain.Result r = chain.deliver(Messages.to("Agent-1", text), agent);
                // THEN each is seen, submitted and verified by the GUI
                assertTrue(r.outcome().verified(), r.toString());
                assertEquals(DeliveryMethod.GUI, r.method(), r.toString());
            }
            assertEquals(List.of("first", "second\nwith two lines", "third"), target.submitted());
            assertEquals(0, inboxFiles("Agent-1"), "nothing went to the inbox as well");
        }
    }

    @Test
    void aMessageTypedButNotSubmittedIsNeverPastedIntoAndTheNextGoesToTheInbox() throws Exception {
        // GIVEN a box where Enter only adds a line (its real submit key is another one)
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("stuck.log"), 60, 80, "none")) {
            AgentConfig agent = agent("Agent-2", below(target.inputBox(), NEAR_THE_BOTTOM), null, "enter");
            FallbackChain.Result first = chain.deliver(Messages.to("Agent-2", "first message"), agent);
            assertTrue(first.outcome().detail().startsWith("typed but not submitted"), first.toString());

            // WHEN the next message comes
            FallbackChain.Result second = chain.deliver(Messages.to("Agent-2", "second message"), agent);

            // THEN it is not pasted into the first one's text: the inbox takes it and says why
            assertEquals(DeliveryMethod.INBOX, second.method(), second.toString());
            assertTrue(second.detail().contains("gui failed: " + InputBoxes.NOT_EMPTY), second.detail());
            assertEquals(1, inboxFiles("Agent-2"));
            assertEquals(List.of(), target.submitted());
        }
    }

    @Test
    void onboardingThroughTheDeliveryChainOpensAFreshChatFirst() throws Exception {
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("onboard.log"), 60, 80, "enter")) {
            AgentConfig agent = agent("Agent-3", target.inputBox(), target.newChatButton(), "enter");

            FallbackChain.Result r = chain.deliver(Messages.onboarding("Agent-3", "welcome aboard"), agent);

            assertTrue(r.outcome().verified(), r.toString());
            assertEquals(DeliveryMethod.GUI, r.method());
            assertEquals(1, target.newChats(), "the starter box was clicked");
            assertEquals(List.of("welcome aboard"), target.submitted());
        }
    }

    @Test
    void calibrationRecordsTheRegionTheProbeChangedAndTheEmptyLookAndDeliveryUsesThem() throws Exception {
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("cal.log"), 60, 80, "enter")) {
            AgentConfig agent = agent("Agent-4", below(target.inputBox(), NEAR_THE_BOTTOM), null, "enter");
            Calibrator.Result r = Calibrator.create(dir).calibrate(agent, 2);

            BoxLook box = new TimingStore(dir).box("Agent-4").orElseThrow();
            assertEquals(r.watch(), box.watch());
            assertTrue(
                    box.watch()
                            .contains(target.inputBox().x(), target.inputBox().y()),
                    "the probe's text shows at the top of the box, where it starts: " + box.watch());
            // only what changed is watched: inside the target's window (760x260 at 60,80), give or take the margin
            Region window = new Region(60, 80, 760, 260).grow(Calibrator.WATCH_MARGIN);
            assertEquals(box.watch(), box.watch().intersect(window), "watched: " + box.watch());
            assertEquals(List.of(), target.submitted(), "calibration submits nothing");

            FallbackChain calibrated = chain(new AdaptiveTiming(new TimingStore(dir)));
            assertTrue(calibrated
                    .deliver(Messages.to("Agent-4", "after calibration"), agent)
                    .outcome()
                    .verified());
            assertEquals(List.of("after calibration"), target.submitted());
        }
    }

    private long inboxFiles(String agent) throws IOException {
        Path inbox = dir.resolve("workspaces").resolve(agent).resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
