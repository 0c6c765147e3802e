package dev.switchboard.delivery.tmux;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.DeliveryOutcome;
import java.nio.file.Path;
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
 *
 * <p>Before every paste the pane's input line must look empty ({@link InputLines}): the program would take text
 * pasted behind a draft, or behind a message whose Enter never came, as one input with it. Otherwise the attempt
 * fails clean and nothing is touched; only when the line holds exactly this message's text (its own earlier
 * paste, cut off before Enter) is Enter pressed to submit it.
 */
public final class TmuxDeliverer implements Deliverer {

    /** How long a pane that shows no change at all after the paste is watched before Enter is pressed anyway. */
    static final long ECHO_TIMEOUT_MS = 1_000;
    /** A screen that changed after the paste but does not show the text is its final answer once this still. */
    static final long SETTLE_MS = 150;
    /** How long to wait for the screen to change after Enter. */
    static final long SUBMIT_TIMEOUT_MS = 2_000;
    /** After a verified submit, how long the prompt is given to be drawn again before nothing is learned. */
    static final long LEARN_WAIT_MS = 50;

    static final long POLL_MS = 3;
    static final String NOT_EMPTY = "the pane's input line is not empty (a draft or an unsubmitted message?)";

    private final InputLines lines;

    /** Learns the agents' empty input lines for as long as it lives (tests, the benchmark). */
    public TmuxDeliverer() {
        this(null);
    }

    private TmuxDeliverer(Path dataDir) {
        this.lines = new InputLines(dataDir);
    }

    /** Keeps the agents' empty input lines in {@code <dataDir>/tmux-input.json}, so a restart knows them. */
    public static TmuxDeliverer create(Path dataDir) {
        return new TmuxDeliverer(dataDir);
    }

    @Override
    public DeliveryMethod method() {
        return DeliveryMethod.TMUX;
    }

    @Override
    public Optional<String> preflight(AgentConfig agent) {
        return Optional.ofNullable(status(agent).refusal());
    }

    /** What the pane runs: the program's name, or why nothing may be pasted into it. */
    private record PaneStatus(String refusal, String command) {}

    private PaneStatus status(AgentConfig agent) {
        TmuxConfig cfg = agent.tmux();
        if (cfg == null || cfg.target() == null || cfg.target().isBlank()) {
            return new PaneStatus("no tmux.target configured for " + agent.id(), null);
        }
        try {
            // display-message quietly answers for a missing target; list-panes fails with the reason, and then
            // tmux stops the command sequence, so the last line is what the pane runs only when it exists.
            TmuxClient.Result r = client(cfg)
                    .run(
                            "list-panes",
                            "-t",
                            cfg.target(),
                            "-F",
                            "#{pane_id}",
                            ";",
                            "display-message",
                            "-p",
                            "-t",
                            cfg.target(),
                            "#{pane_dead}\t#{pane_current_command}");
            if (!r.ok()) {
                return new PaneStatus(pane(cfg) + " not reachable: " + r.reason(), null);
            }
            String[] lines = r.stdout().strip().split("\n");
            String[] status = lines[lines.length - 1].split("\t", 2);
            String command = status.length > 1 ? status[1].strip() : "";
            return new PaneStatus(
                    PaneGuard.refusal(cfg, "1".equals(status[0].strip()), command)
                            .map(why -> pane(cfg) + " " + why + ": nothing was pasted")
                            .orElse(null),
                    command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PaneStatus("interrupted", null);
        }
    }

    @Override
    public DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) throws InterruptedException {
        PaneStatus status = status(agent);
        if (status.refusal() != null) {
            return DeliveryOutcome.failedClean(status.refusal());
        }
        TmuxConfig cfg = agent.tmux();
        TmuxClient tmux = client(cfg);
        String text = message.body();
        PaneWatcher watcher = new PaneWatcher(tmux, cfg.target(), PaneProbe.of(text), historyWindow(text));
        PaneWatcher.Snapshot last = watcher.before();
        switch (lines.judge(agent.id(), status.command(), last, text)) {
            case NOT_EMPTY -> {
                return notEmpty(cfg);
            }
            case OWN_TEXT -> {
                return submitLeftText(agent.id(), tmux, watcher, last, cfg).orElseGet(() -> notEmpty(cfg));
            }
            default -> {}
        }

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
            case SHOWN -> {
                PaneWatcher.Snapshot after = awaitSubmit(watcher, echo.screen());
                if (after == null) {
                    yield notTaken(cfg);
                }
                DeliveryOutcome verified = DeliveryOutcome.verified("echoed in pane " + cfg.target()
                        + " and submitted after " + (System.nanoTime() - start) / 1_000_000L + " ms");
                learnEmptyLine(agent.id(), status.command(), watcher, last, after);
                yield verified;
            }
            case OTHER ->
                DeliveryOutcome.unverified("submitted in " + cfg.target() + "; the pane showed something "
                        + "else than the text (a paste placeholder?)");
            case NO_CHANGE ->
                DeliveryOutcome.unverified("submitted in " + cfg.target() + "; the pane did not " + "change within "
                        + ECHO_TIMEOUT_MS + " ms of the paste");
            case NOTHING_TO_SEE -> DeliveryOutcome.unverified("nothing visible to look for in the pane");
        };
    }

    /**
     * A delivery of this message was cut off (the process delivering it stopped): if the pane's input line holds
     * exactly its text, unsubmitted, Enter is pressed and the submit verified. Otherwise nothing is touched: an
     * empty line may mean it was submitted already, or never pasted, and other text is not this message.
     */
    @Override
    public Optional<DeliveryOutcome> finishInterrupted(UnifiedMessage message, AgentConfig agent)
            throws InterruptedException {
        PaneStatus status = status(agent);
        if (status.refusal() != null) {
            return Optional.empty();
        }
        TmuxConfig cfg = agent.tmux();
        TmuxClient tmux = client(cfg);
        PaneWatcher watcher = new PaneWatcher(tmux, cfg.target(), "", historyWindow(message.body()));
        PaneWatcher.Snapshot now = watcher.before();
        if (lines.judge(agent.id(), status.command(), now, message.body()) != InputLines.Verdict.OWN_TEXT) {
            return Optional.empty();
        }
        return submitLeftText(agent.id(), tmux, watcher, now, cfg);
    }

    /**
     * The line holds exactly this message's text. Presses Enter once the pane has stayed still for
     * {@link #SETTLE_MS} (a program still taking input, such as an Enter already on its way, would change it).
     * Another Enter reaching a program whose input is already empty submits nothing.
     *
     * @return the outcome, or empty if the pane changed meanwhile (nothing was touched)
     */
    private Optional<DeliveryOutcome> submitLeftText(
            String agentId, TmuxClient tmux, PaneWatcher watcher, PaneWatcher.Snapshot seen, TmuxConfig cfg)
            throws InterruptedException {
        Thread.sleep(SETTLE_MS);
        PaneWatcher.Snapshot still = watcher.look();
        if (still == null || !still.sameAs(seen)) {
            return Optional.empty();
        }
        TmuxClient.Result enter = tmux.run("send-keys", "-t", cfg.target(), "Enter");
        if (!enter.ok()) {
            return Optional.of(DeliveryOutcome.failedDirty("this message's text is in the input line of " + cfg.target()
                    + ", unsubmitted, and Enter failed: " + enter.reason()));
        }
        PaneWatcher.Snapshot after = awaitSubmit(watcher, still);
        if (after == null) {
            return Optional.of(notTaken(cfg));
        }
        lines.submitted(agentId, after);
        return Optional.of(DeliveryOutcome.verified("its text was in the input line of pane " + cfg.target()
                + ", unsubmitted (a delivery cut off before Enter): submitted it"));
    }

    private static DeliveryOutcome notEmpty(TmuxConfig cfg) {
        return DeliveryOutcome.failedClean(pane(cfg) + ": " + NOT_EMPTY + ": nothing was pasted; send or clear it, "
                + "and tmux delivery goes on");
    }

    private static DeliveryOutcome notTaken(TmuxConfig cfg) {
        return DeliveryOutcome.unverified("echoed in pane " + cfg.target() + ", but the pane did not change on Enter "
                + "within " + SUBMIT_TIMEOUT_MS + " ms: the text may still be in the program's input");
    }

    /**
     * After a verified delivery the prompt is drawn again: gives the pane up to {@link #LEARN_WAIT_MS} to show
     * the cursor's row as it was before the paste, which then is how the line looks empty. A pane that settles
     * on something else (two equal looks in a row) is not waited for further.
     */
    private void learnEmptyLine(
            String agent, String command, PaneWatcher watcher, PaneWatcher.Snapshot before, PaneWatcher.Snapshot after)
            throws InterruptedException {
        long deadline = System.nanoTime() + LEARN_WAIT_MS * 1_000_000L;
        PaneWatcher.Snapshot now = after;
        while (before != null
                && before.cursorShown()
                && !InputLines.sameLine(before, now)
                && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS);
            PaneWatcher.Snapshot look = watcher.look();
            if (look == null) {
                break;
            }
            boolean settled = look.sameAs(now);
            now = look;
            if (settled) {
                break;
            }
        }
        lines.learn(agent, command, before, now);
        lines.submitted(agent, now);
    }

    private enum Answer {
        SHOWN,
        OTHER,
        NO_CHANGE,
        NOTHING_TO_SEE
    }

    private record Echo(Answer answer, PaneWatcher.Snapshot screen) {}

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

    /**
     * After Enter: the screen must change (the prompt cleared or moved on) for the text to count as taken.
     * @return the first changed screen, or null if it did not change within {@link #SUBMIT_TIMEOUT_MS}
     */
    private static PaneWatcher.Snapshot awaitSubmit(PaneWatcher watcher, PaneWatcher.Snapshot echoed)
            throws InterruptedException {
        long deadline = System.nanoTime() + SUBMIT_TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            PaneWatcher.Snapshot now = watcher.look();
            if (now != null && !now.sameAs(echoed)) {
                return now;
            }
            Thread.sleep(POLL_MS);
        }
        return null;
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
