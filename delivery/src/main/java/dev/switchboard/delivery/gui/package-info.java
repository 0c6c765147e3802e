/**
 * GUI delivery: click an agent's input box, paste from the clipboard, press its submit key and verify on screen.
 * {@link dev.switchboard.delivery.gui.GuiDeliverer} holds the logic; Robot, screen and clipboard sit behind
 * {@link dev.switchboard.delivery.gui.Desktop} and {@link dev.switchboard.delivery.gui.TextClipboard}.
 * {@link dev.switchboard.delivery.gui.Calibrator} measures per-agent timing for {@code switchboard calibrate}.
 */
package dev.switchboard.delivery.gui;
