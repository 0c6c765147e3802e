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
    void countsOccurrencesAcrossWrappedTextAndLooksOnlyAfterTheLastTab() {
        // A tab shows as spaces in one program and as "^I" in another (prompt_toolkit): the probe starts after it.
        String probe = PaneProbe.of("tabs\tand   spaces 6");
        assertEquals("andspaces6", probe);
        assertEquals(1, PaneProbe.count("chat> tabs^Iand   spa\nces 6\nchat> ", probe));
        assertEquals(2, PaneProbe.count("> tabs    and   spaces 6\n> tabs and spaces 6", probe));
        assertEquals(0, PaneProbe.count("nothing here", probe));
    }
}
