package dev.switchboard.delivery.tmux;

/**
 * Tells whether a text showed up in a pane since {@link #before()}, two ways, either being enough:
 * <ul>
 *   <li>by position: remember where the cursor was (history size + cursor row); afterwards look for the probe
 *       only in the lines written since. Exact, but needs the history not to have dropped old lines (it has a
 *       limit), so it is skipped once the history is full;</li>
 *   <li>by count: the probe occurs more often in the recent window than before (works for full-screen
 *       programs that redraw instead of scrolling; an identical older text scrolling out of the window can hide
 *       a new one, which then reads as unverified, never as a false success).</li>
 * </ul>
 */
final class PaneWatcher {

    private final TmuxClient tmux;
    private final String target;
    private final String probe;
    private final int window;
    private long historyBefore;
    private long cursorBefore;
    private int countBefore;

    PaneWatcher(TmuxClient tmux, String target, String probe, int window) {
        this.tmux = tmux;
        this.target = target;
        this.probe = probe;
        this.window = window;
    }

    void before() throws InterruptedException {
        long[] pos = position();
        historyBefore = pos[0];
        cursorBefore = pos[1];
        countBefore = probe.isEmpty() ? 0 : PaneProbe.count(capture(-window), probe);
    }

    boolean arrived() throws InterruptedException {
        if (probe.isEmpty()) {
            return false;
        }
        long[] pos = position();
        if (pos[0] >= 0 && pos[0] < pos[2] && historyBefore >= 0) {
            long start = cursorBefore - (pos[0] - historyBefore);
            if (PaneProbe.count(capture(start), probe) > 0) {
                return true;
            }
        }
        return PaneProbe.count(capture(-window), probe) > countBefore;
    }

    /** {history_size, cursor_y, history_limit}, or -1s when tmux did not answer. */
    private long[] position() throws InterruptedException {
        TmuxClient.Result r = tmux.run("display-message", "-p", "-t", target,
                "#{history_size} #{cursor_y} #{history_limit}");
        String[] parts = r.stdout().trim().split(" ");
        if (!r.ok() || parts.length != 3) {
            return new long[] {-1, -1, -1};
        }
        try {
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (NumberFormatException e) {
            return new long[] {-1, -1, -1};
        }
    }

    /** Joined lines from {@code startLine} (negative: into the history) to the bottom of the pane. */
    private String capture(long startLine) throws InterruptedException {
        TmuxClient.Result r = tmux.run("capture-pane", "-p", "-J", "-t", target, "-S", Long.toString(startLine));
        return r.ok() ? r.stdout() : "";
    }
}
