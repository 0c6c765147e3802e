package dev.switchboard.delivery.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LookAndKeyChordTest {

    private static Look look(int w, int h, int... setPixels) {
        int[] px = new int[w * h];
        for (int i : setPixels) {
            px[i] = 0xff000000;
        }
        return new Look(w, h, px);
    }

    @Test
    void aCaretStripIsNotAChangeButAGlyphIs() {
        Look empty = look(10, 4);
        Look caret = look(10, 4, 2, 12, 22, 32); // one column, four rows
        Look dot = look(10, 4, 2, 12, 22, 32, 35); // caret moved plus a glyph further right
        assertTrue(empty.sameAs(caret));
        assertFalse(empty.sameAs(dot));
        assertFalse(empty.identical(caret));
        assertEquals(4, empty.distance(caret));
        assertFalse(empty.sameAs(look(11, 4)));
    }

    @Test
    void onlyTheSpanOfDifferingColumnsCountsWhereverTheyAreInTheLook() {
        Look empty = look(200, 300);
        // a 2 px caret that moved by one column between rows: 3 columns in all, far down a large look
        assertTrue(empty.sameAs(look(200, 300, 100 * 200 + 50, 100 * 200 + 51, 200 * 200 + 52)));
        // a single changed pixel in the very last place, and one in the first: columns 0 and 199
        assertTrue(empty.sameAs(look(200, 300, 200 * 300 - 1)));
        assertFalse(empty.sameAs(look(200, 300, 0, 200 * 300 - 1)));
        // four adjacent columns on different rows
        assertFalse(empty.sameAs(look(200, 300, 10, 200 + 11, 400 + 12, 600 + 13)));
    }

    @Test
    void screenCapturePixelsReadDirectlyEqualWhatGetRgbGives() {
        java.util.Random random = new java.util.Random(7);
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(37, 11, java.awt.image.BufferedImage.TYPE_INT_RGB);
        int[] raw = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < raw.length; i++) {
            raw[i] = random.nextInt(); // the unused top byte too: it must not show
        }
        assertTrue(java.util.Arrays.equals(img.getRGB(0, 0, 37, 11, null, 0, 37), AwtDesktop.argb(img)));
        // a part of a larger image (rows longer than its width) takes the general path, with the same result
        java.awt.image.BufferedImage part = img.getSubimage(3, 2, 20, 5);
        assertTrue(java.util.Arrays.equals(part.getRGB(0, 0, 20, 5, null, 0, 20), AwtDesktop.argb(part)));
        java.awt.image.BufferedImage argbImage =
                new java.awt.image.BufferedImage(5, 5, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        argbImage.setRGB(1, 1, 0x12345678);
        assertTrue(java.util.Arrays.equals(argbImage.getRGB(0, 0, 5, 5, null, 0, 5), AwtDesktop.argb(argbImage)));
    }

    @Test
    void parsesEverySupportedSubmitChord() {
        assertEquals(new KeyChord(Set.of(), KeyChord.Key.ENTER), KeyChord.parse("enter"));
        assertEquals(KeyChord.of(KeyChord.Modifier.CTRL, KeyChord.Key.ENTER), KeyChord.parse("ctrl+enter"));
        assertEquals(KeyChord.of(KeyChord.Modifier.SHIFT, KeyChord.Key.ENTER), KeyChord.parse("Shift + Enter"));
        assertEquals(KeyChord.of(KeyChord.Modifier.ALT, KeyChord.Key.ENTER), KeyChord.parse("alt+enter"));
        assertEquals(KeyChord.of(KeyChord.Modifier.META, KeyChord.Key.ENTER), KeyChord.parse("meta+enter"));
        assertEquals(
                new KeyChord(EnumSet.of(KeyChord.Modifier.CTRL, KeyChord.Modifier.SHIFT), KeyChord.Key.ENTER),
                KeyChord.parse("shift+ctrl+enter"));
        assertEquals("ctrl+shift+enter", KeyChord.parse("shift+ctrl+enter").toString());
    }

    @Test
    void rejectsUnknownKeysWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyChord.parse("hyper+enter"));
        assertTrue(e.getMessage().contains("unknown modifier 'hyper'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyChord.parse("ctrl+f5"));
        assertThrows(IllegalArgumentException.class, () -> KeyChord.parse(" "));
    }

    @Test
    void regionsIntersectAcrossNegativeCoordinates() {
        Region leftMonitor = new Region(-1920, 0, 1920, 1080);
        Region around = Region.around(-10, 500, 300, 30);
        assertEquals(new Region(-310, 470, 310, 60), around.intersect(leftMonitor));
        assertEquals(null, new Region(0, 0, 10, 10).intersect(new Region(10, 10, 5, 5)));
    }
}
