package dev.switchboard.delivery.gui;

/** A rectangle in virtual-desktop coordinates (may be negative on monitors left of or above the primary). */
public record Region(int x, int y, int width, int height) {
    public Region {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty region " + width + "x" + height);
        }
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }

    /** The overlap with {@code other}, or null when they do not overlap. */
    public Region intersect(Region other) {
        int x1 = Math.max(x, other.x);
        int y1 = Math.max(y, other.y);
        int x2 = Math.min(x + width, other.x + other.width);
        int y2 = Math.min(y + height, other.y + other.height);
        return x2 > x1 && y2 > y1 ? new Region(x1, y1, x2 - x1, y2 - y1) : null;
    }

    /** A box of {@code halfWidth*2 x halfHeight*2} centred on a point. */
    public static Region around(int cx, int cy, int halfWidth, int halfHeight) {
        return new Region(cx - halfWidth, cy - halfHeight, halfWidth * 2, halfHeight * 2);
    }

    /** The smallest region holding both. */
    public Region union(Region other) {
        int x1 = Math.min(x, other.x);
        int y1 = Math.min(y, other.y);
        return new Region(
                x1,
                y1,
                Math.max(x + width, other.x + other.width) - x1,
                Math.max(y + height, other.y + other.height) - y1);
    }

    /** This region moved by (dx, dy): from coordinates relative to a capture to screen coordinates. */
    public Region offset(int dx, int dy) {
        return new Region(x + dx, y + dy, width, height);
    }

    /** Grown by {@code margin} on every side. */
    public Region grow(int margin) {
        return new Region(x - margin, y - margin, width + 2 * margin, height + 2 * margin);
    }

    @Override
    public String toString() {
        return width + "x" + height + " at (" + x + ", " + y + ")";
    }
}
