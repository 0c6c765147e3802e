package dev.switchboard.config;

/**
 * A tmux pane an agent runs in.
 *
 * @param target {@code session:window.pane}
 * @param socket optional tmux socket name ({@code tmux -L socket}); default server when absent
 */
public record TmuxConfig(String target, String socket) {
}
