package dev.switchboard.config;

import java.util.List;

/**
 * A tmux pane an agent runs in.
 *
 * @param target {@code session:window.pane}
 * @param socket optional tmux socket name ({@code tmux -L socket}); default server when absent
 * @param expect optional allow-list of the programs that may be in the pane's foreground, by the name tmux shows
 *               as {@code #{pane_current_command}} (e.g. {@code claude}, {@code node}): when set, text is pasted
 *               only while one of them runs there. When absent (null), anything but a shell may. Never empty.
 */
public record TmuxConfig(String target, String socket, List<String> expect) {

    public TmuxConfig {
        expect = expect == null ? null : List.copyOf(expect);
    }

    public TmuxConfig(String target, String socket) {
        this(target, socket, null);
    }
}
