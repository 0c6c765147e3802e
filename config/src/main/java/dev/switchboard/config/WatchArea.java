package dev.switchboard.config;

/**
 * A screen rectangle in virtual-desktop coordinates ({@code gui.watch: {x, y, w, h}}): the part of the screen that
 * shows the agent's input box, watched to see a pasted text appear and leave.
 */
public record WatchArea(int x, int y, int w, int h) {
    @Override
    public String toString() {
        return w + "x" + h + " at (" + x + ", " + y + ")";
    }
}
