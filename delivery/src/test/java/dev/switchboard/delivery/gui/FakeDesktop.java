package dev.switchboard.delivery.gui;

import dev.switchboard.config.ScreenPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A pretend screen with one chat box, for the delivery logic's unit tests. The box's look is derived from its
 * text, whatever region is captured: empty is all 0, text fills every pixel with a value from the text, a
 * placeholder fills a third.
 */
final class FakeDesktop implements Desktop {

    enum OnSubmit {
        CLEAR,
        NOTHING,
        NEWLINE,
        PLACEHOLDER,
        CLEAR_ON_SECOND_PRESS
    }

    final List<String> events = new ArrayList<>();
    /** Every region captured, in order. */
    final List<Region> captured = new ArrayList<>();

    final FakeClipboard clipboard = new FakeClipboard();
    List<Region> screens = List.of(new Region(0, 0, 1920, 1080));
    String displayProblem;
    boolean pasteShows = true;
    OnSubmit onSubmit = OnSubmit.CLEAR;
    String box = "";
    boolean placeholder;
    /** When set, the window is gone or dead: the region shows this colour and pastes go nowhere. */
    Integer deadColour;

    int submitPresses;
    /**
     * A window slow to show focus: after each click, this many captures still show its empty box unfocused
     * (value 5), as a freshly started browser does until it has handled the click.
     */
    int unfocusedCapturesAfterClick;

    /**
     * A window slow to handle the paste key: the text shows this many ms after the press, taken from the
     * clipboard as it is then (a real target fetches it only when it handles the key). 0: at once.
     */
    long pasteLateByMs;

    /**
     * When set, the box draws a one-pixel caret where the last click that took the focus put it, and a click
     * takes the focus only this many ms later (a busy window). -1: no caret drawn at all.
     */
    long focusLateByMs = -1;

    private ScreenPoint caretAt;
    private ScreenPoint clickedAt;
    private long focusAtNanos;

    private long pasteShowsAtNanos;
    private boolean pastePending;

    private int unfocusedLeft;
    /** Where the user left the pointer; clicks move it. */
    ScreenPoint pointer = new ScreenPoint(7, 7);

    @Override
    public Optional<String> displayProblem() {
        return Optional.ofNullable(displayProblem);
    }

    @Override
    public List<Region> screens() {
        return screens;
    }

    @Override
    public Look capture(Region region) {
        captured.add(region);
        if (pastePending && System.nanoTime() - pasteShowsAtNanos >= 0) {
            pastePending = false;
            box += clipboard.content;
        }
        int[] px = new int[region.width() * region.height()];
        if (deadColour != null) {
            Arrays.fill(px, deadColour);
        } else if (!box.isEmpty()) {
            Arrays.fill(px, box.hashCode() | 1);
        } else if (unfocusedLeft > 0) {
            unfocusedLeft--;
            Arrays.fill(px, 5);
        } else if (placeholder) {
            Arrays.fill(px, 0, px.length / 3, 7);
        }
        if (focusLateByMs >= 0) {
            if (clickedAt != null && System.nanoTime() - focusAtNanos >= 0) {
                caretAt = clickedAt;
                clickedAt = null;
            }
            if (caretAt != null) {
                px[0] = 100 + caretAt.x() + caretAt.y();
            }
        }
        return new Look(region.width(), region.height(), px);
    }

    @Override
    public void click(int x, int y) {
        events.add("click " + x + "," + y);
        unfocusedLeft = unfocusedCapturesAfterClick;
        clickedAt = new ScreenPoint(x, y);
        focusAtNanos = System.nanoTime() + Math.max(0, focusLateByMs) * 1_000_000L;
        pointer = new ScreenPoint(x, y);
    }

    @Override
    public Optional<ScreenPoint> pointer() {
        return Optional.of(pointer);
    }

    @Override
    public void movePointer(int x, int y) {
        events.add("move " + x + "," + y);
        pointer = new ScreenPoint(x, y);
    }

    @Override
    public void press(KeyChord chord) {
        events.add("press " + chord);
        if (chord.equals(KeyChord.pasteForThisPlatform())) {
            if (pasteShows && deadColour == null) {
                if (pasteLateByMs > 0) {
                    pastePending = true;
                    pasteShowsAtNanos = System.nanoTime() + pasteLateByMs * 1_000_000L;
                } else {
                    box += clipboard.content;
                }
            }
            return;
        }
        submitPresses++;
        switch (onSubmit) {
            case CLEAR -> box = "";
            case NOTHING -> {}
            case NEWLINE -> box += "\n";
            case PLACEHOLDER -> {
                box = "";
                placeholder = true;
            }
            case CLEAR_ON_SECOND_PRESS -> {
                if (submitPresses == 2) {
                    box = "";
                }
            }
        }
    }

    /** The clipboard, text only. */
    static final class FakeClipboard implements TextClipboard {
        String content = "user's text";
        String problem;
        final List<String> puts = new ArrayList<>();
        /** Runs on each put: something happening meanwhile (the user moving the mouse, say). */
        Runnable onPut = () -> {};

        @Override
        public Optional<String> problem() {
            return Optional.ofNullable(problem);
        }

        @Override
        public Saved save() {
            return new Saved(content, null);
        }

        @Override
        public void put(String text) {
            puts.add(text);
            content = text;
            onPut.run();
        }

        @Override
        public void restore(Saved saved) {
            content = saved.text();
        }
    }
}
