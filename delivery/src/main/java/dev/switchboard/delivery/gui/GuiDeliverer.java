package dev.switchboard.delivery.gui;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.GuiConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.DeliveryOutcome;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers into an agent's chat window: click its input box, paste the text from the clipboard, press its submit
 * key, and verify on screen that the text appeared and then left the box.
 *
 * <p>Outcomes: verified only when the paste was seen and the box then looked as before the paste; failedClean
 * when nothing was pasted (so the next method may run); failedDirty "typed but not submitted" when the text sits
 * in the box after two submit presses; unverified when the box changed in a way neither proves nor disproves it;
 * failedUncertain when the paste never showed (it may still land: the next method may deliver, and the status
 * says the text may be in the box). Before every paste the box must look empty ({@link InputBoxes}); otherwise
 * the attempt fails clean without pasting anything.
 */
public final class GuiDeliverer implements Deliverer {

    private static final Logger LOG = LoggerFactory.getLogger(GuiDeliverer.class);

    /** How long a delivery waits for another agent's GUI delivery to finish before giving up cleanly. */
    static final long LOCK_WAIT_MS = 120_000;

    private final Desktop desktop;
    private final TextClipboard clipboard;
    private final InputLock lock;
    private final AdaptiveTiming timing;
    /**
     * Focus is trusted to still be in the last clicked box only for this long after the last delivery: in a
     * burst nobody else clicks in between; after a pause the user may have clicked elsewhere.
     */
    static final long FOCUS_TRUST_MS = 2_000;

    private final InputBoxes boxes;

    /** The input box clicked last and when that delivery ended; guarded by the input lock. */
    private ScreenPoint focused;

    private long focusedUntilNanos;

    /**
     * Per agent, whether its box showed a change when clicked coming from another agent's box (a caret, a focus
     * ring): where it did, a missing change means the focus has not arrived yet. Guarded by the input lock.
     */
    private final Map<String, Boolean> showsFocus = new ConcurrentHashMap<>();

    public GuiDeliverer(Desktop desktop, TextClipboard clipboard, InputLock lock, AdaptiveTiming timing) {
        this.desktop = desktop;
        this.clipboard = clipboard;
        this.lock = lock;
        this.timing = timing;
        this.boxes = new InputBoxes(desktop, timing.store(), System::currentTimeMillis);
    }

    /** The real thing: Robot, system clipboard, the process-wide lock, timing calibrated into {@code dataDir}. */
    public static GuiDeliverer create(Path dataDir) {
        return new GuiDeliverer(
                new AwtDesktop(), new AwtClipboard(), InputLock.GLOBAL, new AdaptiveTiming(new TimingStore(dataDir)));
    }

    @Override
    public DeliveryMethod method() {
        return DeliveryMethod.GUI;
    }

    @Override
    public Optional<String> preflight(AgentConfig agent) {
        GuiConfig gui = agent.gui();
        if (gui == null || gui.inputBox() == null) {
            return Optional.of("no gui.input_box configured for " + agent.id());
        }
        return checkPoint(gui.inputBox(), "gui.input_box");
    }

    /** Display reachable, point on some screen (negative coordinates included), clipboard usable. */
    Optional<String> checkPoint(ScreenPoint p, String what) {
        Optional<String> display = desktop.displayProblem();
        if (display.isPresent()) {
            return display;
        }
        if (desktop.screenOf(p.x(), p.y()).isEmpty()) {
            return Optional.of(what + " " + p + " is on no screen (screens: "
                    + desktop.screens().stream()
                            .map(s -> s.width() + "x" + s.height() + "@" + s.x() + "," + s.y())
                            .toList()
                    + ")");
        }
        return clipboard.problem();
    }

    @Override
    public DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) throws InterruptedException {
        Optional<String> problem = preflight(agent);
        if (problem.isPresent()) {
            return DeliveryOutcome.failedClean(problem.get());
        }
        return underLock(agent, message.body(), null);
    }

    /**
     * Onboarding: click {@code starter_location_box} (opens a fresh chat in the agent's tool), then deliver the
     * text into the input box as usual, all under one hold of the input lock.
     */
    public DeliveryOutcome deliverOnboarding(UnifiedMessage message, AgentConfig agent) throws InterruptedException {
        Optional<String> problem = preflight(agent);
        if (problem.isEmpty() && agent.gui().starterLocationBox() == null) {
            problem = Optional.of("no gui.starter_location_box configured for " + agent.id());
        }
        if (problem.isEmpty()) {
            problem = checkPoint(agent.gui().starterLocationBox(), "gui.starter_location_box");
        }
        if (problem.isPresent()) {
            return DeliveryOutcome.failedClean(problem.get());
        }
        return underLock(agent, message.body(), agent.gui().starterLocationBox());
    }

    private DeliveryOutcome underLock(AgentConfig agent, String text, ScreenPoint starter) throws InterruptedException {
        if (!lock.acquire(LOCK_WAIT_MS)) {
            return DeliveryOutcome.failedClean("GUI input busy for " + LOCK_WAIT_MS / 1000 + " s");
        }
        Optional<ScreenPoint> userPointer = desktop.pointer();
        try {
            return new Attempt(agent, text).run(starter);
        } finally {
            putPointerBack(userPointer, agent.gui().inputBox());
            focusedUntilNanos = System.nanoTime() + FOCUS_TRUST_MS * 1_000_000L;
            lock.release();
        }
    }

    /**
     * The pointer goes back where the user had it, unless they moved it since our last click (it is no longer
     * on the input box): then their move wins.
     */
    private void putPointerBack(Optional<ScreenPoint> userPointer, ScreenPoint box) {
        if (userPointer.isEmpty() || userPointer.get().equals(box)) {
            return;
        }
        try {
            if (desktop.pointer().filter(box::equals).isPresent()) {
                desktop.movePointer(userPointer.get().x(), userPointer.get().y());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot put the mouse pointer back to {}: {}", userPointer.get(), e.getMessage());
        }
    }

    /**
     * How much longer to wait for a paste that did not show within its timeout: three times the timeout, but
     * not past {@link AdaptiveTiming#CEILING_MS} in all unless the timeout alone reaches it.
     */
    static long latePasteMs(GuiTiming t) {
        long timeout = t.pasteTimeoutMs();
        return Math.max(Math.min(3 * timeout, AdaptiveTiming.CEILING_MS - timeout), timeout);
    }

    /** One delivery, step by step; {@code pasted} tells whether a failure may have left text behind. */
    private final class Attempt {
        private final AgentConfig agent;
        private final String text;
        private final ScreenPoint box;
        private final GuiTiming t;
        private final KeyChord submit;
        private boolean pasted;

        Attempt(AgentConfig agent, String text) {
            this.agent = agent;
            this.text = text;
            this.box = agent.gui().inputBox();
            this.t = timing.timingFor(agent.id());
            this.submit = KeyChord.parse(agent.gui().submit());
        }

        DeliveryOutcome run(ScreenPoint starter) throws InterruptedException {
            try {
                return steps(starter);
            } catch (RuntimeException e) {
                LOG.warn("GUI delivery to {} failed", agent.id(), e);
                String reason = "GUI error: " + e.getMessage();
                return pasted ? DeliveryOutcome.failedDirty(reason) : DeliveryOutcome.failedClean(reason);
            }
        }

        private DeliveryOutcome steps(ScreenPoint starter) throws InterruptedException {
            Region screen = desktop.screenOf(box.x(), box.y()).orElseThrow();
            Region region = boxes.watchRegion(agent, screen);
            ScreenWatcher watcher = new ScreenWatcher(desktop, region, t.pollMs());
            if (starter != null) {
                desktop.click(starter.x(), starter.y());
                // A fresh chat takes a moment to open; wait until the input box stops changing.
                Look first = watcher.capture();
                watcher.waitFor(l -> !l.sameAs(first), t.pasteTimeoutMs());
            }
            if (!clickAndWaitForFocus(watcher, starter != null)) {
                return DeliveryOutcome.failedClean("input box " + box + " did not show that it took the keyboard"
                        + " focus within " + (t.focusTimeoutMs() + t.pasteTimeoutMs()) + " ms (window busy,"
                        + " covered or moved?); nothing was pasted");
            }
            Look empty = settleIntoEmptyLook(watcher, region);
            Optional<String> notEmpty = boxes.reasonNotToPaste(agent.id(), region, empty);
            InputBoxes.Refound refound = notEmpty.isPresent() ? boxes.findAgain(agent, screen) : null;
            if (refound == InputBoxes.Refound.MOVED) {
                // The window moved or was replaced: judge the box where it is now.
                region = boxes.watchRegion(agent, screen);
                watcher = new ScreenWatcher(desktop, region, t.pollMs());
                empty = watcher.settle(t.clickSettleMs());
                notEmpty = boxes.reasonNotToPaste(agent.id(), region, empty);
            } else if (refound == InputBoxes.Refound.NONE) {
                notEmpty = Optional.of(notEmpty.get() + "; no text box can be told at " + box + " either: is the"
                        + " window closed, covered or moved?");
            }
            if (notEmpty.isPresent()) {
                return DeliveryOutcome.failedClean(notEmpty.get()); // nothing pasted: the next method may take it
            }
            Look before = empty;

            TextClipboard.Saved saved = clipboard.save();
            boolean restored = false;
            ScreenWatcher.Result seen;
            try {
                clipboard.put(text);
                pasted = true;
                desktop.press(KeyChord.pasteForThisPlatform());
                // The target fetches the clipboard only when it handles the paste: until the text shows, the
                // clipboard must keep holding it.
                seen = watcher.waitFor(l -> !l.sameAs(before), t.pasteTimeoutMs());
                if (!seen.met()) {
                    // A loaded machine may handle the paste key late, and the target fetches the clipboard
                    // only then: restoring it now would turn a late paste into a lost one (or paste the user's
                    // old clipboard). Keep holding the text a while longer; this wait costs time only when the
                    // paste truly went nowhere.
                    timing.recordMiss(agent.id());
                    ScreenWatcher.Result late = watcher.waitFor(l -> !l.sameAs(before), latePasteMs(t));
                    seen = new ScreenWatcher.Result(late.met(), late.look(), seen.elapsedMs() + late.elapsedMs());
                    if (late.met()) {
                        LOG.info("paste into {}'s box showed late, after {} ms", agent.id(), seen.elapsedMs());
                    }
                }
                clipboard.restore(saved);
                restored = true;
            } finally {
                if (!restored) {
                    clipboard.restore(saved);
                }
                if (saved.note() != null) {
                    LOG.info("clipboard: {}", saved.note());
                }
            }
            if (!seen.met()) {
                boxes.hold(agent.id(), empty, "a paste there was not seen in time and may have landed since");
                return DeliveryOutcome.failedUncertain("paste not seen at input box " + box + " within "
                        + t.pasteTimeoutMs() + " ms nor in the " + latePasteMs(t)
                        + " ms after (window closed, covered or moved?); the text may still show up"
                        + " there unsubmitted: nothing more is pasted into that box until it looks empty");
            }
            timing.recordPaste(agent.id(), seen.elapsedMs());
            return submitAndVerify(watcher, region, empty, seen.look(), seen.elapsedMs());
        }

        /**
         * The box as it looks once the click has settled. When the look it must show before a paste is known
         * (its empty look, or its look before a held paste) and the box does not look like it yet, waits
         * (bounded) for it to: a window that was just started, or one on a loaded machine, may show the focus
         * our click gave it (focus ring, caret), or a draft just cleared, only after the focus wait gave up, and
         * its box looks otherwise until then. A box holding a draft never comes to look empty by itself, so
         * this wait lets nothing be pasted into one; it only makes that refusal come later. The bound is the
         * paste timeout: the time this window is given to show a change asked of it (1.5 s at least, more on a
         * window measured slow).
         */
        private Look settleIntoEmptyLook(ScreenWatcher watcher, Region region) throws InterruptedException {
            Look settled = watcher.settle(t.clickSettleMs());
            Optional<Look> known = boxes.lookAllowingPaste(agent.id(), region);
            if (known.isEmpty() || settled.sameAs(known.get())) {
                return settled;
            }
            return watcher.waitFor(l -> l.sameAs(known.get()), t.pasteTimeoutMs())
                    .look();
        }

        /**
         * Keys go to the window that has the keyboard focus, and a click moves the focus only once the clicked
         * program has handled it. Pasting before that would put the text into the previous window. So when the
         * click moves to another box (or after a pause, when the user may have clicked elsewhere), wait
         * (bounded) until the box shows any change at all: focus gained makes a caret appear, and that is
         * painted after the program took the focus. Returns false, having pasted nothing, when a box known to
         * show the focus has not shown it within the focus and paste timeouts after coming from another box.
         */
        private boolean clickAndWaitForFocus(ScreenWatcher watcher, boolean afterStarter) throws InterruptedException {
            ScreenPoint last = focused;
            boolean switching = afterStarter || !box.equals(last) || System.nanoTime() - focusedUntilNanos > 0;
            Look before = switching ? watcher.capture() : null;
            focused = null;
            desktop.click(box.x(), box.y());
            if (!switching) {
                focused = box;
                return true;
            }
            // Coming from another box we clicked, this one had surely lost the focus, so taking it shows (a caret,
            // a focus ring) unless this box never shows it; a loaded machine only makes it late. Pasting before
            // it arrives would put the text into the other agent's box. So such a box is given the paste timeout
            // to show it; one that did not the first time is taken to show nothing and only given the short wait.
            boolean fromOtherBox = !afterStarter && last != null && !box.equals(last);
            Boolean shows = fromOtherBox ? showsFocus.get(agent.id()) : Boolean.FALSE;
            long wait = Boolean.FALSE.equals(shows) ? t.focusTimeoutMs() : t.focusTimeoutMs() + t.pasteTimeoutMs();
            ScreenWatcher.Result shown = watcher.waitFor(l -> !l.identical(before), wait);
            if (fromOtherBox) {
                if (!shown.met() && Boolean.TRUE.equals(shows)) {
                    return false;
                }
                showsFocus.put(agent.id(), shown.met());
            }
            focused = box;
            return true;
        }

        private DeliveryOutcome submitAndVerify(
                ScreenWatcher watcher, Region region, Look empty, Look withText, long pasteMs)
                throws InterruptedException {
            desktop.press(submit);
            ScreenWatcher.Result cleared = watcher.waitFor(l -> l.sameAs(empty), t.submitTimeoutMs());
            if (cleared.met()) {
                timing.recordSubmit(agent.id(), cleared.elapsedMs());
                boxes.learnEmpty(agent.id(), region, empty);
                return DeliveryOutcome.verified(
                        "pasted in " + pasteMs + " ms, submitted in " + cleared.elapsedMs() + " ms");
            }
            desktop.press(submit);
            ScreenWatcher.Result retried = watcher.waitFor(l -> l.sameAs(empty), t.submitTimeoutMs());
            if (retried.met()) {
                boxes.learnEmpty(agent.id(), region, empty);
                return DeliveryOutcome.verified("submitted on the second " + submit + " press");
            }
            // Not back to its empty look. If the box still looks more like it did with the text in it (maybe
            // with new lines the key added), the text was not submitted; if it looks more like the empty box
            // (a placeholder, a changed border), it probably was, but nothing proves it.
            Look now = retried.look();
            if (now.distance(withText) <= now.distance(empty)) {
                boxes.hold(agent.id(), empty, "a message was typed there but not submitted");
                return DeliveryOutcome.failedDirty("typed but not submitted: the text is still in the input box " + box
                        + " after pressing " + submit + " twice");
            }
            return DeliveryOutcome.unverified(
                    "input box " + box + " changed after " + submit + " but does not look as it did before the paste");
        }
    }
}
