package dev.switchboard.delivery.tmux;

import java.util.Arrays;
import java.util.List;

/**
 * Tells whether a text showed up in a pane since {@link #before()}, two ways, either being enough:
 * <ul>
 *   <li>by position: remember where the cursor was (history size + cursor row); afterwards look for the probe
 *       only in the rows written since. Exact, but needs the history not to have dropped old rows (it has a
 *       limit), so it is skipped once the history is full;</li>
 *   <li>by count: the probe occurs more often in the recent window than before (works for full-screen
 *       programs that redraw instead of scrolling; an identical older text scrolling out of the window can hide
 *       a new one, which then reads as unverified, never as a false success).</li>
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

    void before() throws InterruptedException {
        before = snapshot();
    }

    boolean arrived() throws InterruptedException {
        if (probe.isEmpty()) {
            return false;
        }
        Snapshot now = snapshot();
        if (now == null) {
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

    /** The pane's history size, cursor row and history limit, and its last rows; null if tmux did not answer. */
    private Snapshot snapshot() throws InterruptedException {
        TmuxClient.Result r = tmux.run("display-message", "-p", "-t", target,
                "#{history_size} #{cursor_y} #{history_limit}", ";",
                "capture-pane", "-p", "-t", target, "-S", "-" + window);
        if (!r.ok()) {
            return null;
        }
        List<String> lines = Arrays.asList(r.stdout().split("\n", -1));
        String[] pos = lines.get(0).trim().split(" ");
        try {
            return new Snapshot(Long.parseLong(pos[0]), Long.parseLong(pos[1]), Long.parseLong(pos[2]), window,
                    lines.subList(1, lines.size()));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Rows are numbered as tmux does: 0 is the top visible row, negative rows are history. */
    private record Snapshot(long history, long cursor, long limit, int window, List<String> rows) {
        long firstRow() {
            return -Math.min(window, history);
        }
    }
}
