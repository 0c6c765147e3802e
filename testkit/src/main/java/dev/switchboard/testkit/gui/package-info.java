/**
 * Stand-ins for an agent's chat window, run by tests and by {@code switchboard bench}: a Swing text box in its
 * own JVM that appends what is submitted to a file ({@link dev.switchboard.testkit.gui.ChatBoxTarget}),
 * and a real browser, Debian's chromium, showing a chat composer page that reports what is submitted to a local
 * HTTP server ({@link dev.switchboard.testkit.gui.BrowserTarget}).
 */
package dev.switchboard.testkit.gui;
