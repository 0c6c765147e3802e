package dev.switchboard.delivery.tmux;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.DeliveryOutcome;
import java.util.Optional;

/**
 * Delivers into a tmux pane: check what the pane runs, {@code load-buffer} the text from standard input,
 * {@code paste-buffer -p -r -d} it, watch for its echo, {@code send-keys Enter}, watch the program take it.
 *
 * <p>{@code -r} keeps new lines as LF (without it tmux turns them into CR, which would submit each line);
 * {@code -p} wraps the paste in bracketed-paste markers when the program in the pane asked for them, so a
 * chat-style program takes a multi-line text as one message; {@code -d} deletes the buffer after use.
 *
 * <p>Verified means: after the paste and before Enter, the text's last line showed where the program echoes
 * input (see {@link PaneWatcher}), and the screen changed when Enter was pressed. Looking before Enter means
 * nothing the program prints when it acts on the text can pass for its echo. The watch ends on the pane's own
 * answer: once the screen has changed and settled without showing the text (a paste placeholder, say), the
 * message is submitted and reported unverified at once; only a pane that does not change at all is waited for
 * up to {@link #ECHO_TIMEOUT_MS}. A pane whose program draws nothing, with terminal echo on, shows text it never
 * read; no capture can tell that apart.
 */
public final class TmuxDeliverer implements Deliverer {

    /** How long a pane that shows no change at all after the paste is watched before Enter is pressed anyway. */
    static final long ECHO_TIMEOUT_MS = 1_000;
    /** A screen that changed after the paste but does not show the text is its final answer once this still. */
    static final long SETTLE_MS = 150;
    /** How long to wait for the screen to change after Enter. */
    static final long SUBMIT_TIMEOUT_MS = 2_000;
    static final long POLL_MS = 3;

    @Override
    public DeliveryMethod method() {
        return DeliveryMethod.TMUX;
    }

    @Override
    public Optional<String> preflight(AgentConfig agent) {
        TmuxConfig cfg = agent.tmux();
        if (cfg == null || cfg.target() == null || cfg.target().isBlank()) {
            return Optional.of("no tmux.target configured for " + agent.id());
        }
        try {
            // display-message quietly answers for a missing target; list-panes fails with the reason, and then
            // tmux stops the command sequence, so the last line is what the pane runs only when it exists.
            TmuxClient.Result r = client(cfg).run("list-panes", "-t", cfg.target(), "-F", "#{pane_id}", ";",
                    "display-message", "-p", "-t", cfg.target(), "#{pane_dead}\t#{pane_current_command}");
            if (!r.ok()) {
                return Optional.of(pane(cfg) + " not reachable: " + r.reason());
            }
            String[] lines = r.stdout().strip().split("\n");
            String[] status = lines[lines.length - 1].split("\t", 2);
            return PaneGuard.refusal(cfg, "1".equals(status[0].strip()), status.length > 1 ? status[1] : "")
                    .map(why -> pane(cfg) + " " + why + ": nothing was pasted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    @Override
    public DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) throws InterruptedException {
        Optional<String> problem = preflight(agent);
        if (problem.isPresent()) {
            return DeliveryOutcome.failedClean(problem.get());
        }
        TmuxConfig cfg = agent.tmux();
        TmuxClient tmux = client(cfg);
        String text = message.body();
        PaneWatcher watcher = new PaneWatcher(tmux, cfg.target(), PaneProbe.of(text), historyWindow(text));
        PaneWatcher.Snapshot last = watcher.before();

        String buffer = "switchboard-" + message.id();
        TmuxClient.Result load = tmux.runWithInput(text, "load-buffer", "-b", buffer, "-");
        if (!load.ok()) {
            return DeliveryOutcome.failedClean("tmux load-buffer failed: " + load.reason());
        }
        // -d deletes the buffer once pasted, so a buffer still there after a failure means nothing was pasted.
        TmuxClient.Result paste = tmux.run("paste-buffer", "-p", "-r", "-d", "-b", buffer, "-t", cfg.target());
        if (!paste.ok()) {
            if (tmux.run("delete-buffer", "-b", buffer).ok()) {
                return DeliveryOutcome.failedClean("tmux paste-buffer failed: " + paste.reason());
            }
            return DeliveryOutcome.failedDirty("tmux paste-buffer failed after pasting: " + paste.reason());
        }
        long start = System.nanoTime();
        Echo echo = PaneProbe.of(text).isEmpty() ? new Echo(Answer.NOTHING_TO_SEE, last) : awaitEcho(watcher, last);
        TmuxClient.Result enter = tmux.run("send-keys", "-t", cfg.target(), "Enter");
        if (!enter.ok()) {
            return DeliveryOutcome.failedDirty("pasted into " + cfg.target() + " but Enter failed: " + enter.reason());
        }
        return switch (echo.answer()) {
            case SHOWN -> awaitSubmit(watcher, echo.screen(), cfg.target(), start);
            case OTHER -> DeliveryOutcome.unverified("submitted in " + cfg.target() + "; the pane showed something "
                    + "else than the text (a paste placeholder?)");
            case NO_CHANGE -> DeliveryOutcome.unverified("submitted in " + cfg.target() + "; the pane did not "
                    + "change within " + ECHO_TIMEOUT_MS + " ms of the paste");
            case NOTHING_TO_SEE -> DeliveryOutcome.unverified("nothing visible to look for in the pane");
        };
    }

    private enum Answer { SHOWN, OTHER, NO_CHANGE, NOTHING_TO_SEE }

    private record Echo(Answer answer, PaneWatcher.Snapshot screen) {
    }

    /** Watches the pane after the paste until it shows the text, or has settled on something else. */
    private static Echo awaitEcho(PaneWatcher watcher, PaneWatcher.Snapshot before) throws InterruptedException {
        long start = System.nanoTime();
        PaneWatcher.Snapshot last = before;
        long stillSince = start;
        boolean changed = false;
        while (true) {
            PaneWatcher.Snapshot now = watcher.look();
            long t = System.nanoTime();
            if (watcher.shows(now)) {
                return new Echo(Answer.SHOWN, now);
            }
            if (now != null && !now.sameAs(last)) {
                changed |= before == null || !now.sameAs(before);
                last = now;
                stillSince = t;
            }
            if (changed && t - stillSince >= SETTLE_MS * 1_000_000L) {
                return new Echo(Answer.OTHER, last);
            }
            if (t - start >= ECHO_TIMEOUT_MS * 1_000_000L) {
                return new Echo(changed ? Answer.OTHER : Answer.NO_CHANGE, last);
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** After Enter: the screen must change (the prompt cleared or moved on) for the text to count as taken. */
    private static DeliveryOutcome awaitSubmit(PaneWatcher watcher, PaneWatcher.Snapshot echoed, String target,
                                               long start) throws InterruptedException {
        long deadline = System.nanoTime() + SUBMIT_TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            PaneWatcher.Snapshot now = watcher.look();
            if (now != null && !now.sameAs(echoed)) {
                return DeliveryOutcome.verified("echoed in pane " + target + " and submitted after "
                        + (System.nanoTime() - start) / 1_000_000L + " ms");
            }
            Thread.sleep(POLL_MS);
        }
        return DeliveryOutcome.unverified("echoed in pane " + target + ", but the pane did not change on Enter "
                + "within " + SUBMIT_TIMEOUT_MS + " ms: the text may still be in the program's input");
    }

    /** Enough history that the text's last line is still in the captured window after it scrolled in. */
    static int historyWindow(String text) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + text.length() / 40 + 1;
        return Math.max(200, 3 * lines);
    }

    private static TmuxClient client(TmuxConfig cfg) {
        return new TmuxClient(cfg.socket());
    }

    private static String pane(TmuxConfig cfg) {
        return "tmux pane " + cfg.target() + (cfg.socket() == null ? "" : " (socket " + cfg.socket() + ")");
    }
}
