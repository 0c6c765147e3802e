package dev.switchboard.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorClassesTest {
    @Test
    void theVaryingPartsOfAReasonAreLeftOut() {
        assertEquals("gui failed: window # not found", ErrorClasses.of("gui failed: window 0x1c00007 not found"));
        assertEquals("inbox failed: cannot write …", ErrorClasses.of("inbox failed: cannot write /tmp/a/b.md: full"));
        assertEquals("tmux failed: pane … is gone", ErrorClasses.of("tmux failed: pane 'agents:0.1' is gone; x"));
        assertEquals(
                "gui paused after repeated failures",
                ErrorClasses.of("gui paused after repeated failures (until 2026-11-29T10:00:00Z)"));
        assertEquals("unknown", ErrorClasses.of(null));
    }
}
