package dev.switchboard.delivery.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.GuiConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.config.WatchArea;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.testutil.Messages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GUI delivery logic against a pretend desktop: every outcome it can report. */
class GuiDelivererTest {

    private final FakeDesktop desktop = new FakeDesktop();
    private final GuiTiming fast = new GuiTiming(0, 60, 60, 1, 20);

    @TempDir
    Path dataDir;

    private GuiDeliverer deliverer() {
        TimingStore store = new TimingStore(dataDir);
        store.put("Agent-1", fast);
        store.put("Agent-2", fast);
        return new GuiDeliverer(desktop, desktop.clipboard, new InputLock(), new AdaptiveTiming(store, 1));
    }

    private static AgentConfig agent(ScreenPoint input, ScreenPoint starter, String submit) {
        return new AgentConfig(
                "Agent-1",
                List.of(),
                List.of(),
                List.of(DeliveryMethod.GUI),
                null,
                new GuiConfig(input, starter, submit),
                null);
    }

    private DeliveryOutcome deliver(String text, String submit) throws InterruptedException {
        return deliverer().deliver(Messages.to("Agent-1", text), agent(new ScreenPoint(500, 900), null, submit));
    }

    @Test
    void clicksPastesSubmitsAndVerifiesThenRestoresTheClipboard() throws Exception {
        DeliveryOutcome o = deliver("hello agent", "enter");

        assertTrue(o.delivered() && o.verified(), o.toString());
        assertEquals(
                List.of("click 500,900", "press ctrl+v", "press enter", "move 7,7"),
                desktop.events,
                "the pointer goes back where the user had it");
        assertEquals(List.of("hello agent"), desktop.clipboard.puts);
        assertEquals("user's text", desktop.clipboard.content);
    }

    @Test
    void aPointerTheUserMovedDuringTheDeliveryIsLeftWhereTheyPutIt() throws Exception {
        desktop.onSubmit = FakeDesktop.OnSubmit.CLEAR;
        GuiDeliverer d = deliverer();
        AgentConfig a = agent(new ScreenPoint(500, 900), null, "enter");
        // the user grabs the mouse while the text is being pasted
        desktop.clipboard.onPut = () -> desktop.pointer = new ScreenPoint(1200, 40);

        assertTrue(d.deliver(Messages.to("Agent-1", "hi"), a).verified());

        assertEquals(new ScreenPoint(1200, 40), desktop.pointer);
        assertTrue(desktop.events.stream().noneMatch(e -> e.startsWith("move")), desktop.events.toString());
    }

    @Test
    void theAgentsSubmitChordIsPressed() throws Exception {
        assertTrue(deliver("x", "ctrl+enter").verified());
        assertEquals("press ctrl+enter", desktop.events.get(2));
    }

    @Test
    void aSubmitKeyThatDoesNothingIsRetriedOnceThenTypedButNotSubmitted() throws Exception {
        desktop.onSubmit = FakeDesktop.OnSubmit.NOTHING;
        DeliveryOutcome o = deliver("stuck", "enter");

        assertFalse(o.delivered());
        assertFalse(o.fallbackAllowed());
        assertTrue(o.detail().startsWith("typed but not submitted"), o.detail());
        assertEquals(2, desktop.submitPresses);
    }

    @Test
    void aSubmitKeyThatAddsNewLinesIsTypedButNotSubmitted() throws Exception {
        desktop.onSubmit = FakeDesktop.OnSubmit.NEWLINE;
        DeliveryOutcome o = deliver("stuck", "enter");
        assertTrue(o.detail().startsWith("typed but not submitted"), o.toString());
        assertFalse(o.delivered());
    }

    @Test
    void aSecondSubmitPressThatClearsTheBoxIsVerified() throws Exception {
        desktop.onSubmit = FakeDesktop.OnSubmit.CLEAR_ON_SECOND_PRESS;
        DeliveryOutcome o = deliver("slow", "enter");
        assertTrue(o.verified(), o.toString());
        assertEquals(2, desktop.submitPresses);
    }

    @Test
    void aBoxThatEmptiesToADifferentLookIsDeliveredUnverified() throws Exception {
        desktop.onSubmit = FakeDesktop.OnSubmit.PLACEHOLDER;
        DeliveryOutcome o = deliver("hi", "enter");
        assertTrue(o.delivered(), o.toString());
        assertFalse(o.verified());
    }

    @Test
    void aPasteThatNeverShowsIsUncertainNotCleanWithoutSubmittingAndRestoresTheClipboard() throws Exception {
        desktop.pasteShows = false;
        DeliveryOutcome o = deliver("lost", "enter");

        assertFalse(o.delivered());
        assertTrue(o.fallbackAllowed(), "the next method may deliver it ...");
        assertTrue(o.mayBeInInput(), "... but it may land in the box too, and the status must say so");
        assertTrue(o.detail().startsWith("paste not seen"), o.detail());
        assertTrue(o.detail().contains("the text may still show up there unsubmitted"), o.detail());
        assertEquals(0, desktop.submitPresses);
        assertEquals("user's text", desktop.clipboard.content);
    }

    @Test
    void aPasteThatShowsAfterItsTimeoutIsStillSubmittedAndVerifiedWithTheClipboardHeldUntilThen() throws Exception {
        // GIVEN a window that handles the paste key only after the paste timeout (60 ms) has passed
        desktop.pasteLateByMs = 150;

        DeliveryOutcome o = deliver("late but whole", "enter");

        // THEN the clipboard still held the message when the window fetched it, and the delivery went on
        assertTrue(o.delivered() && o.verified(), o.toString());
        assertEquals(1, desktop.submitPresses);
        assertEquals("", desktop.box, "submitted: the box is empty again");
        assertEquals("user's text", desktop.clipboard.content, "and the user's clipboard is back");
        assertTrue(
                GuiDeliverer.latePasteMs(fast) >= 2 * fast.pasteTimeoutMs(),
                "a late paste gets more time than its timeout");
    }

    @Test
    void aBoxKnownToShowTheFocusIsGivenTimeToTakeItAndNothingIsPastedWhileItHasNot() throws Exception {
        // GIVEN two agents' boxes whose caret shows where the focus is, each clicked once coming from the other
        desktop.focusLateByMs = 0;
        GuiDeliverer gui = deliverer();
        AgentConfig one = agent(new ScreenPoint(500, 900), null, "enter");
        AgentConfig two = new AgentConfig(
                "Agent-2",
                List.of(),
                List.of(),
                List.of(DeliveryMethod.GUI),
                null,
                new GuiConfig(new ScreenPoint(1500, 200), null, "enter"),
                null);
        assertTrue(gui.deliver(Messages.to("Agent-1", "a"), one).verified());
        assertTrue(gui.deliver(Messages.to("Agent-2", "b"), two).verified());
        assertTrue(gui.deliver(Messages.to("Agent-1", "c"), one).verified());

        // WHEN the machine is busy and Agent-2's window takes the focus after the focus wait (20 ms) but within
        // the paste timeout, THEN the paste waits for it and the message is delivered
        desktop.focusLateByMs = 45;
        assertTrue(gui.deliver(Messages.to("Agent-2", "d"), two).verified());

        // WHEN Agent-1's window does not take the focus in that time either
        desktop.focusLateByMs = 5_000;
        desktop.events.clear();
        DeliveryOutcome o = gui.deliver(Messages.to("Agent-1", "e"), one);

        // THEN nothing is pasted (it would land in Agent-2's box), and the next method may take the message
        assertFalse(o.delivered(), o.toString());
        assertTrue(o.fallbackAllowed(), o.toString());
        assertFalse(o.mayBeInInput(), o.toString());
        assertTrue(o.detail().contains("did not show that it took the keyboard focus"), o.detail());
        assertTrue(desktop.events.stream().noneMatch(e -> e.startsWith("press")), desktop.events.toString());
    }

    @Test
    void afterAPasteThatWasNotSeenNothingIsPastedIntoABoxThatChangedUntilItLooksEmptyAgain() throws Exception {
        GuiDeliverer gui = deliverer();
        AgentConfig a = agent(new ScreenPoint(500, 900), null, "enter");
        // GIVEN a window too busy to show the paste in time ...
        desktop.pasteShows = false;
        assertTrue(gui.deliver(Messages.to("Agent-1", "first"), a).detail().startsWith("paste not seen"));
        // ... which shows the text later, unsubmitted
        desktop.box = "first";
        desktop.pasteShows = true;
        desktop.events.clear();

        // WHEN the next message comes
        DeliveryOutcome second = gui.deliver(Messages.to("Agent-1", "second"), a);

        // THEN nothing is pasted or submitted into that box, and the next method may take the message
        assertFalse(second.delivered());
        assertTrue(second.fallbackAllowed());
        assertTrue(second.detail().startsWith(InputBoxes.NOT_EMPTY), second.detail());
        assertTrue(desktop.events.stream().noneMatch(e -> e.startsWith("press")), desktop.events.toString());
        assertEquals("first", desktop.box);

        // AND once the user clears the box, GUI delivery goes on as before
        desktop.box = "";
        DeliveryOutcome third = gui.deliver(Messages.to("Agent-1", "third"), a);
        assertTrue(third.verified(), third.toString());
        assertEquals(List.of("first", "third"), desktop.clipboard.puts, "the second was never put on the clipboard");
    }

    @Test
    void aDraftInTheBoxIsNeverPastedInto() throws Exception {
        GuiDeliverer gui = deliverer();
        AgentConfig a = agent(new ScreenPoint(500, 900), null, "enter");
        // GIVEN a verified delivery, which taught the box's empty look
        assertTrue(gui.deliver(Messages.to("Agent-1", "first"), a).verified());
        // AND the user has started typing a draft
        desktop.box = "my half-written dra";
        desktop.events.clear();

        // WHEN the next message comes
        DeliveryOutcome second = gui.deliver(Messages.to("Agent-1", "second"), a);

        // THEN it fails clean with the reason, nothing is pasted, the draft is untouched
        assertFalse(second.delivered());
        assertTrue(second.fallbackAllowed());
        assertFalse(second.mayBeInInput());
        assertTrue(second.detail().startsWith(InputBoxes.NOT_EMPTY), second.detail());
        assertTrue(desktop.events.stream().noneMatch(e -> e.startsWith("press")), desktop.events.toString());
        assertEquals("my half-written dra", desktop.box);
        assertEquals(List.of("first"), desktop.clipboard.puts);
    }

    @Test
    void aMessageTypedButNotSubmittedIsNeverPastedBehind() throws Exception {
        GuiDeliverer gui = deliverer();
        // GIVEN a box whose real submit key is not the configured one (nothing known about it before)
        desktop.onSubmit = FakeDesktop.OnSubmit.NEWLINE;
        AgentConfig a = agent(new ScreenPoint(500, 900), null, "enter");
        assertTrue(gui.deliver(Messages.to("Agent-1", "first"), a).detail().startsWith("typed but not submitted"));
        desktop.events.clear();

        // WHEN the next message comes
        DeliveryOutcome second = gui.deliver(Messages.to("Agent-1", "second"), a);

        // THEN it is not pasted into the middle of the first
        assertTrue(second.detail().startsWith(InputBoxes.NOT_EMPTY), second.detail());
        assertTrue(second.fallbackAllowed());
        assertTrue(desktop.events.stream().noneMatch(e -> e.startsWith("press")), desktop.events.toString());
        assertEquals("first\n\n", desktop.box);
    }

    @Test
    void aReplacedWindowIsUsedAgainAsSoonAsItsBoxLooksEmptyInItsLearnedLook() throws Exception {
        GuiDeliverer gui = deliverer();
        AgentConfig a = agent(new ScreenPoint(500, 900), null, "enter");
        assertTrue(gui.deliver(Messages.to("Agent-1", "first"), a).verified());
        // GIVEN the window dies and shows black
        desktop.deadColour = 0xFF000000;
        DeliveryOutcome whileDead = gui.deliver(Messages.to("Agent-1", "while dead"), a);
        assertFalse(whileDead.delivered());
        assertTrue(whileDead.fallbackAllowed(), whileDead.toString());

        // WHEN it is started again and its box looks empty as learned
        desktop.deadColour = null;
        DeliveryOutcome after = gui.deliver(Messages.to("Agent-1", "after restart"), a);

        // THEN GUI delivery works at once (not after a 10-minute hold)
        assertTrue(after.verified(), after.toString());
        assertEquals("", desktop.box);
        assertFalse(desktop.clipboard.puts.contains("while dead"), "nothing was pasted into the dead window");
    }

    @Test
    void aBoxThatShowsTheFocusOfTheClickLateIsStillSeenEmptyAndDeliveredInto() throws Exception {
        GuiDeliverer gui = deliverer();
        AgentConfig a = agent(new ScreenPoint(500, 900), null, "enter");
        assertTrue(gui.deliver(Messages.to("Agent-1", "first"), a).verified(), "teaches the focused empty look");
        // GIVEN a window (just restarted, or on a loaded machine) that shows the click's focus only a while later
        desktop.unfocusedCapturesAfterClick = 5;

        // WHEN the next message comes
        DeliveryOutcome second = gui.deliver(Messages.to("Agent-1", "second"), a);

        // THEN the empty box is recognised once it shows the focus, and the message is delivered
        assertTrue(second.verified(), second.toString());
        assertEquals(List.of("first", "second"), desktop.clipboard.puts);
    }

    @Test
    void aHoldWithoutAKnownEmptyLookIsForgottenSoItCannotBlockGuiDeliveryForGood() {
        long[] now = {1_000};
        InputBoxes boxes = new InputBoxes(desktop, null, () -> now[0]);
        Region r = new Region(0, 0, 3, 1);
        Look empty = new Look(3, 1, new int[] {0, 0, 0});
        Look changed = new Look(3, 1, new int[] {0, 5, 0});
        Look wider = new Look(4, 1, new int[] {1, 5, 1, 1});
        boxes.hold("Agent-1", empty, "a paste there was not seen");

        assertTrue(boxes.reasonNotToPaste("Agent-1", r, wider).isPresent());
        assertEquals(Optional.empty(), boxes.reasonNotToPaste("Agent-2", r, wider), "other agents are not held");
        now[0] += InputBoxes.FORGET_AFTER_MS - 1;
        assertTrue(boxes.reasonNotToPaste("Agent-1", r, wider).isPresent());
        now[0] += 2;
        assertEquals(Optional.empty(), boxes.reasonNotToPaste("Agent-1", r, wider));
        assertEquals(Optional.empty(), boxes.reasonNotToPaste("Agent-1", r, changed), "forgotten, not re-armed");
    }

    @Test
    void aMissWidensTheTimeoutsSoTheNextPasteGetsMoreTime() throws Exception {
        desktop.pasteShows = false;
        GuiDeliverer gui = deliverer();
        AgentConfig a = agent(new ScreenPoint(500, 900), null, "enter");
        DeliveryOutcome first = gui.deliver(Messages.to("Agent-1", "slow"), a);
        assertTrue(first.detail().contains("within 60 ms"), first.detail());
        desktop.box = "";
        DeliveryOutcome second = gui.deliver(Messages.to("Agent-1", "slow again"), a);
        assertTrue(second.detail().contains("within 120 ms"), second.detail());
    }

    @Test
    void aConfiguredWatchAreaIsWhatIsWatched() throws Exception {
        AgentConfig a = new AgentConfig(
                "Agent-1",
                List.of(),
                List.of(),
                List.of(DeliveryMethod.GUI),
                null,
                new GuiConfig(new ScreenPoint(500, 900), null, "enter", new WatchArea(100, 700, 800, 300)),
                null);
        assertTrue(deliverer().deliver(Messages.to("Agent-1", "hi"), a).verified());
        assertEquals(Set.of(new Region(100, 700, 800, 300)), Set.copyOf(desktop.captured));
    }

    @Test
    void withoutABoxToFindTheWatchedRegionReachesFarAboveThePoint() throws Exception {
        // the fake screen is one colour everywhere: no box can be told, so the tall default region is watched
        assertTrue(deliver("hi", "enter").verified());
        Region watched = desktop.captured.get(desktop.captured.size() - 1);
        assertEquals(InputBoxes.fallback(new ScreenPoint(500, 900), new Region(0, 0, 1920, 1080)), watched);
        assertTrue(watched.contains(500 - 290, 900 - 210), "a tall composer's top-left: " + watched);
        assertTrue(watched.contains(500, 900));
    }

    @Test
    void preflightNamesEachProblem() {
        GuiDeliverer gui = deliverer();
        assertEquals(Optional.of("no gui.input_box configured for Agent-1"), gui.preflight(agent(null, null, "enter")));
        assertTrue(gui.preflight(agent(new ScreenPoint(5000, 5), null, "enter"))
                .orElseThrow()
                .contains("is on no screen"));

        desktop.clipboard.problem = "clipboard unavailable: busy";
        assertEquals(
                Optional.of("clipboard unavailable: busy"), gui.preflight(agent(new ScreenPoint(5, 5), null, "e")));

        desktop.displayProblem = "no display: Java runs headless";
        assertEquals(
                Optional.of("no display: Java runs headless"),
                gui.preflight(agent(new ScreenPoint(5, 5), null, "enter")));
    }

    @Test
    void negativeCoordinatesOnALeftMonitorAreValid() throws Exception {
        desktop.screens = List.of(new Region(0, 0, 1920, 1080), new Region(-1920, 0, 1920, 1080));
        AgentConfig left = agent(new ScreenPoint(-1399, 486), null, "enter");

        assertEquals(Optional.empty(), deliverer().preflight(left));
        assertTrue(deliverer().deliver(Messages.to("Agent-1", "left"), left).verified());
        assertEquals("click -1399,486", desktop.events.get(0));
    }

    @Test
    void onboardingThroughTheDeliveryChainClicksTheStarterBoxFirst() throws Exception {
        AgentConfig a = agent(new ScreenPoint(500, 900), new ScreenPoint(400, 100), "enter");
        FallbackChain chain = new FallbackChain(List.of(deliverer()), 3, Duration.ofMinutes(1), Clock.systemUTC());

        FallbackChain.Result r = chain.deliver(Messages.onboarding("Agent-1", "welcome"), a);

        assertTrue(r.outcome().verified(), r.toString());
        assertEquals(
                List.of("click 400,100", "click 500,900", "press ctrl+v", "press enter", "move 7,7"), desktop.events);
        desktop.events.clear();
        assertTrue(chain.deliver(Messages.to("Agent-1", "a plain message"), a)
                .outcome()
                .verified());
        assertEquals("click 500,900", desktop.events.get(0), "only onboarding opens a fresh chat");
    }

    @Test
    void onboardingClicksTheStarterBoxFirstThenDelivers() throws Exception {
        AgentConfig a = agent(new ScreenPoint(500, 900), new ScreenPoint(400, 100), "enter");
        DeliveryOutcome o = deliverer().deliverOnboarding(Messages.to("Agent-1", "welcome"), a);

        assertTrue(o.verified(), o.toString());
        assertEquals(
                List.of("click 400,100", "click 500,900", "press ctrl+v", "press enter", "move 7,7"), desktop.events);
    }

    @Test
    void onboardingWithoutAStarterBoxFailsCleanBeforeTouchingAnything() throws Exception {
        DeliveryOutcome o = deliverer()
                .deliverOnboarding(Messages.to("Agent-1", "welcome"), agent(new ScreenPoint(500, 900), null, "enter"));
        assertFalse(o.delivered());
        assertTrue(o.fallbackAllowed());
        assertEquals(List.of(), desktop.events);
    }

    @Test
    void aBusyInputLockIsAWaitNotAnInterleave() throws Exception {
        InputLock lock = new InputLock();
        TimingStore store = new TimingStore(dataDir);
        store.put("Agent-1", fast);
        GuiDeliverer a = new GuiDeliverer(desktop, desktop.clipboard, lock, new AdaptiveTiming(store, 1));
        Thread other = new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) {
                    a.deliver(Messages.to("Agent-1", "t" + i), agent(new ScreenPoint(1, 1), null, "enter"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        for (int i = 0; i < 20; i++) {
            a.deliver(Messages.to("Agent-1", "m" + i), agent(new ScreenPoint(2, 2), null, "enter"));
        }
        other.join(10_000);
        assertEquals(1, lock.maxConcurrentHolders());
    }
}
