/**
 * A stand-in for an agent's chat window (a Swing text box that appends what is submitted to a file), run in its
 * own JVM by tests and by {@code switchboard bench}.
 */
package dev.switchboard.delivery.gui.target;
