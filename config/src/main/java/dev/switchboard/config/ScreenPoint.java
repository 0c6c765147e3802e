package dev.switchboard.config;

/** A point in virtual-desktop coordinates; negative values are real (monitors left of or above the primary). */
public record ScreenPoint(int x, int y) {
    @Override
    public String toString() {
        return "(" + x + ", " + y + ")";
    }
}
