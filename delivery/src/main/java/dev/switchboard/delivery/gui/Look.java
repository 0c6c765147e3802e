package dev.switchboard.delivery.gui;

import java.util.Arrays;

/**
 * What a screen region looked like at one moment (ARGB pixels, row-major).
 *
 * <p>Two looks are "the same" when they differ at most in a thin vertical strip: a blinking or moved text caret
 * must not count as text landing or leaving, while any real glyph change (even one '.') moves the caret by a
 * character width, so the changed area gets wider than the strip.
 */
public record Look(int width, int height, int[] pixels) {

    /** A caret is 1–2 px wide; anything wider than this is real content changing. */
    static final int CARET_STRIP_WIDTH = 3;

    public Look {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixels " + pixels.length + " != " + width + "x" + height);
        }
    }

    /** True when only a caret-like strip (or nothing) differs. Looks of different sizes are never the same. */
    public boolean sameAs(Look other) {
        if (other.width != width || other.height != height) {
            return false;
        }
        int minX = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != other.pixels[i]) {
                int x = i % width;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                if (maxX - minX + 1 > CARET_STRIP_WIDTH) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How many pixels differ (for "which of two looks is this nearer to"); different sizes differ fully. */
    public int distance(Look other) {
        if (other.width != width || other.height != height) {
            return Math.max(pixels.length, other.pixels.length);
        }
        int n = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != other.pixels[i]) {
                n++;
            }
        }
        return n;
    }

    /** True when every pixel is identical (used to tell "still settling" from "settled"). */
    public boolean identical(Look other) {
        return other.width == width && other.height == height && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Look l && identical(l);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Look[" + width + "x" + height + "]";
    }
}
