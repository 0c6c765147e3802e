package dev.switchboard.delivery.gui;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an input box on screen from one point inside it, before anything was calibrated: the box is the area of
 * its background colour that is connected to the point, bounded by its border. Text (a draft, a pasted message)
 * lies inside that area, wherever in the box it starts, so watching it sees text that a strip around the point
 * would miss (a tall composer shows pasted text at its top-left corner).
 */
final class WidgetBounds {

    /** Smaller than this is a glyph, an icon or a caret, not a text box. */
    static final int MIN_WIDTH = 40;

    static final int MIN_HEIGHT = 14;
    /** Half-size of the area searched around the point. */
    static final int SEARCH_HALF_WIDTH = 800;

    static final int SEARCH_HALF_HEIGHT = 500;
    /** Side of the square around the point whose most common colour is taken as the background. */
    private static final int SEED_SIDE = 9;

    private WidgetBounds() {}

    /** The area searched around a point: what {@link #find} is given. */
    static Region searchArea(int x, int y, Region screen) {
        return Region.around(x, y, SEARCH_HALF_WIDTH, SEARCH_HALF_HEIGHT).intersect(screen);
    }

    /**
     * @param area   a capture of {@code onScreen}
     * @param px     the point, in screen coordinates, inside {@code onScreen}
     * @return the box's inner rectangle in screen coordinates, or empty when the area around the point does not
     *         look like a bounded box (too small, or reaching every edge of the searched area: a page background)
     */
    static Optional<Region> find(Look area, Region onScreen, int px, int py) {
        int w = area.width();
        int h = area.height();
        int sx = px - onScreen.x();
        int sy = py - onScreen.y();
        if (sx < 0 || sy < 0 || sx >= w || sy >= h) {
            return Optional.empty();
        }
        int[] pixels = area.pixels();
        int background = mostCommonAround(pixels, w, h, sx, sy);
        int start = nearestOf(pixels, w, h, sx, sy, background);
        if (start < 0) {
            return Optional.empty();
        }
        boolean[] seen = new boolean[pixels.length];
        int[] stack = new int[pixels.length];
        int top = 0;
        stack[top++] = start;
        seen[start] = true;
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        while (top > 0) {
            int i = stack[--top];
            int x = i % w;
            int y = i / w;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            if (x > 0) {
                top = push(pixels, seen, stack, top, i - 1, background);
            }
            if (x < w - 1) {
                top = push(pixels, seen, stack, top, i + 1, background);
            }
            if (y > 0) {
                top = push(pixels, seen, stack, top, i - w, background);
            }
            if (y < h - 1) {
                top = push(pixels, seen, stack, top, i + w, background);
            }
        }
        int bw = maxX - minX + 1;
        int bh = maxY - minY + 1;
        boolean everyEdge = minX == 0 && minY == 0 && maxX == w - 1 && maxY == h - 1;
        if (bw < MIN_WIDTH || bh < MIN_HEIGHT || everyEdge) {
            return Optional.empty();
        }
        return Optional.of(new Region(minX + onScreen.x(), minY + onScreen.y(), bw, bh));
    }

    private static int push(int[] pixels, boolean[] seen, int[] stack, int top, int i, int background) {
        if (!seen[i] && pixels[i] == background) {
            seen[i] = true;
            stack[top++] = i;
        }
        return top;
    }

    /** A caret or a glyph may sit on the point itself: the box's colour is the one most seen around it. */
    private static int mostCommonAround(int[] pixels, int w, int h, int sx, int sy) {
        Map<Integer, Integer> counts = new HashMap<>();
        int half = SEED_SIDE / 2;
        for (int y = Math.max(0, sy - half); y <= Math.min(h - 1, sy + half); y++) {
            for (int x = Math.max(0, sx - half); x <= Math.min(w - 1, sx + half); x++) {
                counts.merge(pixels[y * w + x], 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    private static int nearestOf(int[] pixels, int w, int h, int sx, int sy, int colour) {
        int half = SEED_SIDE / 2;
        for (int r = 0; r <= half; r++) {
            for (int y = Math.max(0, sy - r); y <= Math.min(h - 1, sy + r); y++) {
                for (int x = Math.max(0, sx - r); x <= Math.min(w - 1, sx + r); x++) {
                    if (pixels[y * w + x] == colour) {
                        return y * w + x;
                    }
                }
            }
        }
        return -1;
    }
}
