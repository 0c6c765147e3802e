package dev.switchboard.core.message;

import java.util.Locale;

/** Delivery order: URGENT before HIGH before NORMAL before LOW; FIFO within one priority of one agent. */
public enum Priority {
    URGENT,
    HIGH,
    NORMAL,
    LOW;

    /** Accepts any case, e.g. from {@code --priority high}. */
    public static Priority parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown priority '" + text + "' (urgent, high, normal, low)");
        }
    }
}
