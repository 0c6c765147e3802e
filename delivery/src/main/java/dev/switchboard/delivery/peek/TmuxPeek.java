package dev.switchboard.delivery.peek;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.snapshot.Attachment;
import dev.switchboard.core.snapshot.Snapshot;
import dev.switchboard.core.snapshot.SnapshotSource.SnapshotException;
import dev.switchboard.delivery.tmux.TmuxClient;
import java.util.List;

/** The last lines of a tmux agent's pane, as {@code capture-pane} prints them (no colours). */
final class TmuxPeek {
    static final int LINES = 40;

    private TmuxPeek() {}

    static Snapshot take(AgentConfig agent) throws InterruptedException {
        TmuxConfig cfg = agent.tmux();
        if (cfg == null || cfg.target() == null) {
            throw new SnapshotException(agent.id() + " has no tmux.target configured");
        }
        // -J joins wrapped lines; the whole visible pane plus some history, trimmed to the last non-empty lines
        TmuxClient.Result r =
                new TmuxClient(cfg.socket()).run("capture-pane", "-p", "-J", "-t", cfg.target(), "-S", "-" + LINES);
        if (!r.ok()) {
            throw new SnapshotException("tmux pane " + cfg.target() + " not reachable: " + r.reason());
        }
        List<String> all = r.stdout().lines().map(String::stripTrailing).toList();
        int end = all.size();
        while (end > 0 && all.get(end - 1).isEmpty()) {
            end--;
        }
        List<String> last = all.subList(Math.max(0, end - LINES), end);
        return new Snapshot(
                agent.id() + " · tmux pane " + cfg.target() + " · last " + last.size() + " lines",
                List.of(),
                List.of(Attachment.text(agent.id() + "-pane.txt", String.join("\n", last))));
    }
}
