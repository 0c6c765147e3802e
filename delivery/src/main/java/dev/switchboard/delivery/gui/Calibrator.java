package dev.switchboard.delivery.gui;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.GuiConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.config.WatchArea;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code switchboard calibrate <agent>}: measures how an agent's chat box reacts and stores timeouts tuned to it
 * ({@link TimingStore}). It never submits anything: each round clicks the box, pastes a probe text, times until
 * it shows, then selects all and deletes it, timing until the box looks empty again. Run it while the box is
 * empty and nobody is typing.
 */
public final class Calibrator {

    public static final int DEFAULT_ROUNDS = 5;
    /** How long a click is watched for late changes (focus rings, animations) to measure the settle time. */
    static final long CLICK_WATCH_MS = 300;

    static final long STEP_TIMEOUT_MS = 5_000;
    /** Added around the changed rectangle: a longer text's first glyphs may reach a little further. */
    static final int WATCH_MARGIN = 4;

    static final String PROBE = ("switchboard calibration probe: this text is deleted again, never sent. ")
            .repeat(14)
            .trim();

    private final Desktop desktop;
    private final TextClipboard clipboard;
    private final InputLock lock;
    private final TimingStore store;

    public Calibrator(Desktop desktop, TextClipboard clipboard, InputLock lock, TimingStore store) {
        this.desktop = desktop;
        this.clipboard = clipboard;
        this.lock = lock;
        this.store = store;
    }

    /** The real thing, storing into {@code <dataDir>/gui-timing.json}. */
    public static Calibrator create(Path dataDir) {
        return new Calibrator(new AwtDesktop(), new AwtClipboard(), InputLock.GLOBAL, new TimingStore(dataDir));
    }

    /**
     * What was measured (maximum over the rounds, in ms) and the timing stored from it.
     */
    public record Result(
            String agent,
            int rounds,
            long clickSettleMs,
            long pasteMs,
            long clearMs,
            GuiTiming timing,
            Region watch,
            Path file) {
        /** One line for the terminal. */
        public String describe() {
            return agent + ": paste shows in ≤" + pasteMs + " ms, clears in ≤" + clearMs + " ms, click settles in ≤"
                    + clickSettleMs + " ms over " + rounds + " rounds; input box watched at " + watch
                    + "; stored paste timeout " + timing.pasteTimeoutMs() + " ms, submit timeout "
                    + timing.submitTimeoutMs() + " ms and the box's empty look in " + file;
        }
    }

    /** A calibration that could not finish; the message says what to check. */
    public static final class CalibrationException extends Exception {
        public CalibrationException(String message) {
            super(message);
        }
    }

    public Result calibrate(AgentConfig agent, int rounds) throws InterruptedException, CalibrationException {
        GuiConfig gui = agent.gui();
        if (gui == null || gui.inputBox() == null) {
            throw new CalibrationException("no gui.input_box configured for " + agent.id());
        }
        ScreenPoint box = gui.inputBox();
        String problem = desktop.displayProblem().orElse(null);
        Region screen =
                problem != null ? null : desktop.screenOf(box.x(), box.y()).orElse(null);
        if (problem == null && screen == null) {
            problem = "gui.input_box " + box + " is on no screen";
        }
        if (problem == null) {
            problem = clipboard.problem().orElse(null);
        }
        if (problem != null) {
            throw new CalibrationException(problem);
        }
        // The probe is watched for in a wide area around the point; the rectangle that changed is the box's
        // text area, watched from then on (unless gui.watch names it).
        Region area = WidgetBounds.searchArea(box.x(), box.y(), screen);
        ScreenWatcher wide = new ScreenWatcher(desktop, area, 1);
        long[] settle = new long[rounds];
        long[] paste = new long[rounds];
        long[] clear = new long[rounds];
        Region changed = null;
        Look emptyLook;
        Region watch;
        if (!lock.acquire(GuiDeliverer.LOCK_WAIT_MS)) {
            throw new CalibrationException("GUI input busy: try again when no delivery is running");
        }
        try {
            for (int i = 0; i < rounds; i++) {
                desktop.click(box.x(), box.y());
                settle[i] = lastChangeWithin(wide, CLICK_WATCH_MS);
                Look empty = wide.capture();
                TextClipboard.Saved saved = clipboard.save();
                ScreenWatcher.Result seen;
                try {
                    clipboard.put(PROBE);
                    desktop.press(KeyChord.pasteForThisPlatform());
                    seen = wide.waitFor(l -> !l.sameAs(empty), STEP_TIMEOUT_MS);
                } finally {
                    clipboard.restore(saved);
                }
                if (!seen.met()) {
                    throw new CalibrationException("paste not seen at " + box + " within " + STEP_TIMEOUT_MS
                            + " ms: is the agent's window there, with its input box at these coordinates?");
                }
                paste[i] = seen.elapsedMs();
                Region r = empty.changedBounds(seen.look());
                changed = changed == null ? r : changed.union(r);
                desktop.press(KeyChord.selectAllForThisPlatform());
                desktop.press(new KeyChord(java.util.Set.of(), KeyChord.Key.BACKSPACE));
                ScreenWatcher.Result cleared = wide.waitFor(l -> l.sameAs(empty), STEP_TIMEOUT_MS);
                if (!cleared.met()) {
                    throw new CalibrationException(
                            "could not delete the probe text from " + box + ": clear the input box by hand");
                }
                clear[i] = cleared.elapsedMs();
            }
            watch = watchArea(
                    gui, changed.offset(area.x(), area.y()).grow(WATCH_MARGIN).intersect(area), screen);
            emptyLook = desktop.capture(watch);
        } finally {
            lock.release();
        }
        long settleMax = max(settle);
        long pasteMax = max(paste);
        long clearMax = max(clear);
        GuiTiming timing = new GuiTiming(
                settleMax == 0 ? 0 : settleMax + 10,
                Math.max(AdaptiveTiming.FLOOR_MS, 4 * pasteMax + 100),
                Math.max(AdaptiveTiming.FLOOR_MS, 4 * clearMax + 100),
                2,
                GuiTiming.DEFAULT_FOCUS_TIMEOUT_MS);
        store.put(agent.id(), timing);
        store.putBox(agent.id(), new BoxLook(watch, emptyLook));
        return new Result(agent.id(), rounds, settleMax, pasteMax, clearMax, timing, watch, store.file());
    }

    /** {@code gui.watch} when configured (it wins), else what the probe changed. */
    private static Region watchArea(GuiConfig gui, Region changed, Region screen) throws CalibrationException {
        WatchArea w = gui.watch();
        if (w == null) {
            return changed;
        }
        Region r = new Region(w.x(), w.y(), w.w(), w.h()).intersect(screen);
        if (r == null) {
            throw new CalibrationException("gui.watch " + w + " is not on the screen of gui.input_box");
        }
        return r;
    }

    /** Watches for {@code ms} and returns when the look last changed (0 when it never did). */
    private static long lastChangeWithin(ScreenWatcher watcher, long ms) throws InterruptedException {
        long start = System.nanoTime();
        Look last = watcher.capture();
        long lastChange = 0;
        while (System.nanoTime() - start < ms * 1_000_000L) {
            Thread.sleep(2);
            Look now = watcher.capture();
            if (!now.sameAs(last)) {
                lastChange = (System.nanoTime() - start) / 1_000_000L;
                last = now;
            }
        }
        return lastChange;
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
