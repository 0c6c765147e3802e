/**
 * GUI delivery: click an agent's input box, paste from the clipboard, press its submit key and verify on screen.
 * {@link dev.switchboard.delivery.gui.GuiDeliverer} holds the logic; Robot, screen and clipboard sit behind
 * {@link dev.switchboard.delivery.gui.Desktop} and {@link dev.switchboard.delivery.gui.TextClipboard}.
 * {@link dev.switchboard.delivery.gui.InputBoxes} knows where each agent's box shows its text and how it looks
 * when empty (nothing is pasted into a box that does not); {@link dev.switchboard.delivery.gui.WidgetBounds}
 * finds a box on screen from a point inside it. {@link dev.switchboard.delivery.gui.Calibrator} measures
 * per-agent timing, watch region and empty look for {@code switchboard calibrate}.
 */
package dev.switchboard.delivery.gui;
