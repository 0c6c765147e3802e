package dev.switchboard.delivery.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding an input box around a point, from pixels alone. */
class WidgetBoundsTest {

    private static final int PAGE = 0xFFEEEEEE;
    private static final int BORDER = 0xFF767676;
    private static final int WHITE = 0xFFFFFFFF;
    private static final int INK = 0xFF000000;

    /** A 400x300 page with a bordered box at (50, 40) of 300x220 (inside 298x218), text at its top-left. */
    private static Look page(boolean withText) {
        int w = 400;
        int h = 300;
        int[] px = new int[w * h];
        Arrays.fill(px, PAGE);
        fill(px, w, 50, 40, 300, 220, BORDER);
        fill(px, w, 51, 41, 298, 218, WHITE);
        if (withText) {
            for (int c = 0; c < 20; c++) {
                fill(px, w, 54 + c * 8, 44, 5, 9, INK); // a line of "glyphs" at the top-left
            }
        }
        return new Look(w, h, px);
    }

    private static void fill(int[] px, int w, int x, int y, int rw, int rh, int colour) {
        for (int row = y; row < y + rh; row++) {
            Arrays.fill(px, row * w + x, row * w + x + rw, colour);
        }
    }

    @Test
    void aTallComposerIsFoundFromAPointNearItsBottomAndCoversTheTopLeftWhereTextStarts() {
        Region onScreen = new Region(-1600, 100, 400, 300);
        // the point is near the bottom of the box, 190 px below the first line of text
        Optional<Region> box = WidgetBounds.find(page(false), onScreen, -1600 + 200, 100 + 240);

        assertEquals(Optional.of(new Region(-1600 + 51, 100 + 41, 298, 218)), box);
        assertTrue(box.get().contains(-1600 + 54, 100 + 44), "the first glyph lies inside");
        // the old 600x60 strip around the point did not hold it
        assertTrue(!Region.around(-1600 + 200, 100 + 240, 300, 30).contains(-1600 + 54, 100 + 44));
    }

    @Test
    void aBoxWithADraftIsStillFoundAndAPointOnAGlyphUsesTheColourAroundIt() {
        Region onScreen = new Region(0, 0, 400, 300);
        assertEquals(Optional.of(new Region(51, 41, 298, 218)), WidgetBounds.find(page(true), onScreen, 56, 46));
    }

    @Test
    void aPlainPageIsNoBox() {
        int[] px = new int[400 * 300];
        Arrays.fill(px, PAGE);
        assertEquals(Optional.empty(), WidgetBounds.find(new Look(400, 300, px), new Region(0, 0, 400, 300), 200, 150));
    }
}
