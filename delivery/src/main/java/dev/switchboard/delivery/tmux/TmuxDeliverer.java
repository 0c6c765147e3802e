package dev.switchboard.delivery.tmux;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.DeliveryOutcome;
import java.util.Optional;

/**
 * Delivers into a tmux pane: {@code load-buffer} the text from standard input, {@code paste-buffer -p -r -d}
 * it, {@code send-keys Enter}, then watch {@code capture-pane} for it.
 *
 * <p>{@code -r} keeps new lines as LF (without it tmux turns them into CR, which would submit each line);
 * {@code -p} wraps the paste in bracketed-paste markers when the program in the pane asked for them, so a
 * chat-style program takes a multi-line text as one message; {@code -d} deletes the buffer after use. Verified
 * means "seen in the pane after Enter": a pane whose program draws nothing, with terminal echo on, shows the
 * text even if the program never read it, which no capture can tell apart.
 */
public final class TmuxDeliverer implements Deliverer {

    /** How long to watch the pane for the text after Enter. */
    static final long VERIFY_TIMEOUT_MS = 3_000;
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
            // display-message quietly answers for a missing target; list-panes fails with the reason.
            TmuxClient.Result r = client(cfg).run("list-panes", "-t", cfg.target(), "-F", "#{pane_id}");
            return r.ok() ? Optional.empty()
                    : Optional.of("tmux pane " + cfg.target() + socketNote(cfg) + " not reachable: " + r.reason());
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
        String probe = PaneProbe.of(text);
        PaneWatcher watcher = new PaneWatcher(tmux, cfg.target(), probe, historyWindow(text));
        watcher.before();

        String buffer = "switchboard-" + message.id();
        TmuxClient.Result load = tmux.runWithInput(text, "load-buffer", "-b", buffer, "-");
        if (!load.ok()) {
            return DeliveryOutcome.failedClean("tmux load-buffer failed: " + load.reason());
        }
        // Paste and Enter in one tmux call: nothing can come between them. -d deletes the buffer once pasted,
        // so a buffer still there after a failure means nothing was pasted.
        TmuxClient.Result paste = tmux.run("paste-buffer", "-p", "-r", "-d", "-b", buffer, "-t", cfg.target(), ";",
                "send-keys", "-t", cfg.target(), "Enter");
        if (!paste.ok()) {
            if (tmux.run("delete-buffer", "-b", buffer).ok()) {
                return DeliveryOutcome.failedClean("tmux paste-buffer failed: " + paste.reason());
            }
            return DeliveryOutcome.failedDirty("pasted but Enter failed: " + paste.reason());
        }
        if (probe.isEmpty()) {
            return DeliveryOutcome.unverified("nothing visible to look for in the pane");
        }
        long start = System.nanoTime();
        long deadline = start + VERIFY_TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (watcher.arrived()) {
                return DeliveryOutcome.verified("seen in pane " + cfg.target() + " after "
                        + (System.nanoTime() - start) / 1_000_000L + " ms");
            }
            Thread.sleep(POLL_MS);
        }
        return DeliveryOutcome.unverified("pasted into " + cfg.target() + " but not seen in the pane within "
                + VERIFY_TIMEOUT_MS + " ms");
    }

    /** Enough history that the text's last line is still in the captured window after it scrolled in. */
    static int historyWindow(String text) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + text.length() / 40 + 1;
        return Math.max(200, 3 * lines);
    }

    private static TmuxClient client(TmuxConfig cfg) {
        return new TmuxClient(cfg.socket());
    }

    private static String socketNote(TmuxConfig cfg) {
        return cfg.socket() == null ? "" : " (socket " + cfg.socket() + ")";
    }
}
