/**
 * A stand-in for a terminal agent (a raw-mode reader with bracketed paste) and a private tmux server running it,
 * for tests and {@code switchboard bench}.
 */
package dev.switchboard.testkit.tmux;
