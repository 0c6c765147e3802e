package dev.switchboard.delivery.gui;

import java.util.Optional;

/** The system clipboard, text only; the seam between delivery logic and AWT's clipboard. */
public interface TextClipboard {

    /** Why the clipboard cannot be used, or empty when it can. */
    Optional<String> problem();

    /** What is on the clipboard now, copied out (it may belong to another process that can go away). */
    Saved save();

    /** Puts text on the clipboard, owned by this process until something else takes it. */
    void put(String text);

    /** Puts back what {@link #save()} returned. */
    void restore(Saved saved);

    /**
     * A saved clipboard state. {@code text} is null when the clipboard held no text; {@code note} says what
     * could not be kept (e.g. an image), for the log.
     */
    record Saved(String text, String note) {
        public static final Saved NOTHING = new Saved(null, null);
    }
}
