package dev.switchboard.delivery.gui;

/**
 * Where an agent's input box shows its text, and how it looks when empty (focused, with nothing typed): measured
 * by {@code switchboard calibrate}, or learned from a verified delivery.
 *
 * @param watch the rectangle watched on screen
 * @param empty its look when the box is empty; same size as {@code watch}
 */
record BoxLook(Region watch, Look empty) {
    public BoxLook {
        if (empty.width() != watch.width() || empty.height() != watch.height()) {
            throw new IllegalArgumentException("empty look " + empty + " does not fit " + watch);
        }
    }
}
