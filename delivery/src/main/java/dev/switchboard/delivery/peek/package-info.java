/**
 * Snapshots for {@code peek}: a PNG of a GUI agent's window region (taken under the GUI input lock, never in the
 * middle of a delivery), the last lines of a tmux agent's pane, an inbox agent's newest inbox and outbox files.
 */
package dev.switchboard.delivery.peek;
