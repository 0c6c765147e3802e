/** tmux delivery: load-buffer, bracketed paste-buffer, Enter, verified with capture-pane. */
package dev.switchboard.delivery.tmux;
