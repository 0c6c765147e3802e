package dev.switchboard.delivery.tmux;

import java.util.Arrays;
import java.util.List;

/**
 * Looks at a pane around a paste. The text counts as shown when its probe appears where the program echoes
 * input: in the rows from the cursor's row before the paste onwards (the prompt and what follows it). That is
 * checked before Enter is pressed, so nothing the program prints when it runs the text (an error that quotes
 * it, say) can be mistaken for its echo, and nothing that was on screen before can either.
 * <ul>
 *   <li>by position: remember where the cursor was (history size + cursor row); afterwards look for the probe
 *       only in the rows from there on. Exact, but needs the history not to have dropped old rows (it has a
 *       limit), so it is skipped once the history is full;</li>
 *   <li>by count: the probe occurs more often in the recent window than before (full-screen programs redraw
 *       their input box in place; an identical older text scrolling out of the window can hide a new one, which
 *       then reads as not shown, never as a false success).</li>
 * </ul>
 * Each look is one tmux call: {@code display-message} and {@code capture-pane} in one command sequence.
 */
final class PaneWatcher {

    private final TmuxClient tmux;
    private final String target;
    private final String probe;
    private final int window;
    private Snapshot before;

    PaneWatcher(TmuxClient tmux, String target, String probe, int window) {
        this.tmux = tmux;
        this.target = target;
        this.probe = probe;
        this.window = window;
    }

    /** Remembers the pane as it is before the paste. @return that look, or null if tmux did not answer */
    Snapshot before() throws InterruptedException {
        before = look();
        return before;
    }

    /** Whether {@code now} shows the probe where the program echoes input since {@link #before()}. */
    boolean shows(Snapshot now) {
        if (probe.isEmpty() || now == null) {
            return false;
        }
        if (before != null && now.history < now.limit) {
            long newStart = before.cursor - (now.history - before.history);
            int from = (int) Math.max(0, newStart - now.firstRow());
            if (from < now.rows.size()
                    && PaneProbe.count(String.join("\n", now.rows.subList(from, now.rows.size())), probe) > 0) {
                return true;
            }
        }
        int countBefore = before == null ? 0 : PaneProbe.count(String.join("\n", before.rows), probe);
        return PaneProbe.count(String.join("\n", now.rows), probe) > countBefore;
    }

    /**
     * The pane's history size, cursor, history limit, whether the cursor is shown, width and first process, and
     * its last rows; null if tmux did not answer.
     */
    Snapshot look() throws InterruptedException {
        TmuxClient.Result r = tmux.run(
                "display-message",
                "-p",
                "-t",
                target,
                "#{history_size} #{cursor_y} #{history_limit} #{cursor_x} #{cursor_flag} #{pane_width} #{pane_pid}",
                ";",
                "capture-pane",
                "-p",
                "-t",
                target,
                "-S",
                "-" + window);
        if (!r.ok()) {
            return null;
        }
        List<String> lines = Arrays.asList(r.stdout().split("\n", -1));
        String[] pos = lines.get(0).trim().split(" ");
        try {
            return new Snapshot(
                    Long.parseLong(pos[0]),
                    Long.parseLong(pos[1]),
                    Long.parseLong(pos[2]),
                    Long.parseLong(pos[3]),
                    "1".equals(pos[4]),
                    Long.parseLong(pos[5]),
                    Long.parseLong(pos[6]),
                    window,
                    lines.subList(1, lines.size()));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * Rows are numbered as tmux does: 0 is the top visible row, negative rows are history.
     *
     * @param cursorShown whether the program shows the terminal's cursor ({@code #{cursor_flag}}); one that
     *                    hides it draws its own, and the terminal's cursor then says nothing of where input goes
     */
    record Snapshot(
            long history,
            long cursor,
            long limit,
            long column,
            boolean cursorShown,
            long width,
            long panePid,
            int window,
            List<String> rows) {
        long firstRow() {
            return -Math.min(window, history);
        }

        /** Where the cursor's row is in {@link #rows()}, or -1 if outside them. */
        int cursorIndex() {
            long i = cursor - firstRow();
            return i >= 0 && i < rows.size() ? (int) i : -1;
        }

        /** The row the cursor is on, as captured (trailing spaces dropped), or null. */
        String cursorRow() {
            int i = cursorIndex();
            return i < 0 ? null : rows.get(i);
        }

        /** The same screen: same rows, same cursor, nothing scrolled. */
        boolean sameAs(Snapshot other) {
            return other != null
                    && history == other.history
                    && cursor == other.cursor
                    && column == other.column
                    && rows.equals(other.rows);
        }
    }
}
