package dev.switchboard.delivery.gui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How long GUI delivery waits for what the screen shows. Every wait is a poll with a timeout, never a fixed
 * sleep: these numbers only bound how long to wait before giving up.
 *
 * @param clickSettleMs   after the click, wait up to this for the input box to stop changing (focus, caret)
 * @param pasteTimeoutMs  after Ctrl+V, wait up to this for the pasted text to show
 * @param submitTimeoutMs after the submit key, wait up to this for the box to look empty again
 * @param pollMs          pause between two captures
 * @param focusTimeoutMs  after clicking a box other than the last one, wait up to this for it to show that it
 *                        took the keyboard focus (a caret appears); 0 or absent means the default
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GuiTiming(
        long clickSettleMs, long pasteTimeoutMs, long submitTimeoutMs, long pollMs, long focusTimeoutMs) {

    static final long DEFAULT_FOCUS_TIMEOUT_MS = 300;

    /** Before calibration or measurement: generous, since the first deliveries must not fail on timing. */
    public static final GuiTiming DEFAULTS = new GuiTiming(0, 2000, 2000, 2, DEFAULT_FOCUS_TIMEOUT_MS);

    public GuiTiming {
        focusTimeoutMs = focusTimeoutMs <= 0 ? DEFAULT_FOCUS_TIMEOUT_MS : focusTimeoutMs;
        if (clickSettleMs < 0 || pasteTimeoutMs <= 0 || submitTimeoutMs <= 0 || pollMs <= 0) {
            throw new IllegalArgumentException(
                    "bad GUI timing " + clickSettleMs + "/" + pasteTimeoutMs + "/" + submitTimeoutMs + "/" + pollMs);
        }
    }
}
