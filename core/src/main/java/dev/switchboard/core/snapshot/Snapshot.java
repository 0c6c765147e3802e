package dev.switchboard.core.snapshot;

import java.util.List;

/**
 * What an agent shows now.
 *
 * @param title       one line: whose, what and where ("Agent-2 · tmux pane agents:0.1 · last 40 lines")
 * @param lines       short details (file names, sizes), may be empty
 * @param attachments the picture or the texts themselves
 */
public record Snapshot(String title, List<String> lines, List<Attachment> attachments) {
    public Snapshot {
        lines = lines == null ? List.of() : List.copyOf(lines);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
