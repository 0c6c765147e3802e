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
