package dev.switchboard.delivery.gui;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.config.WatchArea;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What GUI delivery knows about each agent's input box: where its text shows (the watched region) and how it
 * looks when empty, so that nothing is ever pasted into a box holding a draft or an earlier message.
 *
 * <p>The region is, in this order: {@code gui.watch} from the config; the rectangle {@code calibrate} saw change
 * when it pasted its probe; the box found around {@code gui.input_box} by its background ({@link WidgetBounds});
 * or, when no box can be told there, {@link #DEFAULT_ABOVE} px above to {@link #DEFAULT_BELOW} px below the
 * point, {@link #DEFAULT_HALF_WIDTH} px either side (a tall composer shows pasted text at its top-left).
 *
 * <p>The empty look is the one calibrated for that region, else the one learned from the last verified delivery
 * (the box looked the same before the paste and after the submit). When neither is known, the only guard is a
 * hold: after a paste that did not show, or a text that was typed but not submitted, the box must look again as
 * it did just before that paste (or {@link #FORGET_AFTER_MS} must pass, so a stale look cannot block GUI
 * delivery for good).
 */
final class InputBoxes {

    static final String NOT_EMPTY = "the input box is not empty (a draft or an unsubmitted message?)";
    static final long FORGET_AFTER_MS = 10 * 60_000;
    static final int DEFAULT_HALF_WIDTH = 300;
    static final int DEFAULT_ABOVE = 220;
    static final int DEFAULT_BELOW = 40;

    private record Hold(Look before, String why, long atMillis) {}

    private final Desktop desktop;
    private final TimingStore store;
    private final LongSupplier clockMillis;
    private final Map<String, Region> found = new ConcurrentHashMap<>();
    private final Map<String, BoxLook> learned = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** @param store calibrated boxes, or null when there are none */
    InputBoxes(Desktop desktop, TimingStore store, LongSupplier clockMillis) {
        this.desktop = desktop;
        this.store = store;
        this.clockMillis = clockMillis;
    }

    /** The region to watch for the agent's box, on {@code screen} (the screen holding its input point). */
    Region watchRegion(AgentConfig agent, Region screen) {
        WatchArea configured = agent.gui().watch();
        if (configured != null) {
            Region r = new Region(configured.x(), configured.y(), configured.w(), configured.h()).intersect(screen);
            if (r != null) {
                return r;
            }
        }
        Optional<BoxLook> calibrated = calibrated(agent.id());
        if (calibrated.isPresent()
                && calibrated.get().watch().intersect(screen) != null
                && calibrated
                        .get()
                        .watch()
                        .intersect(screen)
                        .equals(calibrated.get().watch())) {
            return calibrated.get().watch();
        }
        Region known = found.get(agent.id());
        return known != null
                ? known
                : find(agent, screen).orElseGet(() -> fallback(agent.gui().inputBox(), screen));
    }

    /** What looking for the box again found. */
    enum Refound {
        /** the box where it was (or a configured or calibrated region, which are kept) */
        SAME,
        /** the box elsewhere: the window moved or was replaced; its region is used from now on */
        MOVED,
        /** nothing that looks like a text box around the point */
        NONE
    }

    /**
     * Looks for the box around the point again, after it did not look empty: the window may have moved or been
     * replaced, or be gone. Only a region found on screen is replaced, never a configured or calibrated one.
     */
    Refound findAgain(AgentConfig agent, Region screen) {
        ScreenPoint p = agent.gui().inputBox();
        Region area = WidgetBounds.searchArea(p.x(), p.y(), screen);
        Optional<Region> now = WidgetBounds.find(desktop.capture(area), area, p.x(), p.y());
        if (now.isEmpty()) {
            return Refound.NONE;
        }
        Region before = found.get(agent.id());
        if (agent.gui().watch() != null
                || calibrated(agent.id()).isPresent()
                || before != null && sameBox(before, now.get())) {
            // A focused box may draw its focus ring a pixel into its inside: that is still the same box, and
            // its looks learned so far still apply.
            return Refound.SAME;
        }
        found.put(agent.id(), now.get());
        return Refound.MOVED;
    }

    /** Two finds of one box: they overlap in at least 90 % of the larger one. */
    static boolean sameBox(Region a, Region b) {
        Region both = a.intersect(b);
        long larger = Math.max((long) a.width() * a.height(), (long) b.width() * b.height());
        return both != null && (long) both.width() * both.height() * 10 >= larger * 9;
    }

    private Optional<Region> find(AgentConfig agent, Region screen) {
        ScreenPoint p = agent.gui().inputBox();
        Region area = WidgetBounds.searchArea(p.x(), p.y(), screen);
        Optional<Region> box = WidgetBounds.find(desktop.capture(area), area, p.x(), p.y());
        box.ifPresent(r -> found.put(agent.id(), r));
        return box;
    }

    static Region fallback(ScreenPoint p, Region screen) {
        Region r = new Region(
                        p.x() - DEFAULT_HALF_WIDTH,
                        p.y() - DEFAULT_ABOVE,
                        2 * DEFAULT_HALF_WIDTH,
                        DEFAULT_ABOVE + DEFAULT_BELOW)
                .intersect(screen);
        return r != null ? r : Region.around(p.x(), p.y(), 1, 1);
    }

    /** The box's empty look in this region, when calibrated or learned. */
    Optional<Look> emptyLook(String agent, Region region) {
        Optional<BoxLook> calibrated = calibrated(agent).filter(b -> b.watch().equals(region));
        if (calibrated.isPresent()) {
            return Optional.of(calibrated.get().empty());
        }
        return Optional.ofNullable(learned.get(agent))
                .filter(b -> b.watch().equals(region))
                .map(BoxLook::empty);
    }

    /**
     * The look the box must show before anything may be pasted into it: its empty look when known, else the look
     * it had before a held paste; nothing when any look will do.
     */
    Optional<Look> lookAllowingPaste(String agent, Region region) {
        Optional<Look> empty = emptyLook(agent, region);
        if (empty.isPresent()) {
            return empty;
        }
        return Optional.ofNullable(holds.get(agent)).map(Hold::before);
    }

    /**
     * @param boxNow the box as it looks now, clicked and settled, before anything is pasted
     * @return why nothing may be pasted now, or empty when the box looks empty
     */
    Optional<String> reasonNotToPaste(String agent, Region region, Look boxNow) {
        Hold hold = holds.get(agent);
        String because = hold == null
                ? ""
                : ": " + hold.why() + " "
                        + (clockMillis.getAsLong() - hold.atMillis()) / 1000 + " s ago; clear the box, and GUI delivery"
                        + " resumes as soon as it looks empty";
        Optional<Look> empty = emptyLook(agent, region);
        if (empty.isPresent()) {
            if (boxNow.sameAs(empty.get())) {
                holds.remove(agent);
                return Optional.empty();
            }
            return Optional.of(NOT_EMPTY + because);
        }
        if (hold == null) {
            return Optional.empty(); // nothing known yet: the first delivery to this box teaches its empty look
        }
        if (clockMillis.getAsLong() - hold.atMillis() > FORGET_AFTER_MS || boxNow.sameAs(hold.before())) {
            holds.remove(agent);
            return Optional.empty();
        }
        return Optional.of(NOT_EMPTY + because);
    }

    /** A delivery was verified: the box looked like {@code empty} before the paste and again after the submit. */
    void learnEmpty(String agent, Region region, Look empty) {
        learned.put(agent, new BoxLook(region, empty));
    }

    /** Text may now sit in the box, which looked like {@code before} just before it was pasted. */
    void hold(String agent, Look before, String why) {
        holds.put(agent, new Hold(before, why, clockMillis.getAsLong()));
    }

    private Optional<BoxLook> calibrated(String agent) {
        return store == null ? Optional.empty() : store.box(agent);
    }
}
