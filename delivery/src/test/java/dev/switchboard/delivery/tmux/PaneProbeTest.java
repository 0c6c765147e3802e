package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PaneProbeTest {

    @Test
    void probeIsTheTailOfTheLastVisibleLineWithoutWhitespaceOrSymbols() {
        assertEquals("secondline", PaneProbe.of("first\nsecond line\n\n  \n"));
        assertEquals("shipit", PaneProbe.of("🚀 ship it 🎉 👍🏽"));
        assertEquals("", PaneProbe.of(" \n\t\n"));
        String longLine = "a".repeat(100) + "END";
        assertEquals(PaneProbe.MAX_LENGTH, PaneProbe.of(longLine).length());
    }

    @Test
    void countsOccurrencesAcrossWrappedAndTabbedScreenText() {
        String probe = PaneProbe.of("tabs\tand   spaces 6");
        assertEquals(2, PaneProbe.count("got: tabs    and   spa\nces 6\nready> got: and spaces 6\ngot: tabs and spaces 6", probe));
        assertEquals(0, PaneProbe.count("nothing here", probe));
    }
}
