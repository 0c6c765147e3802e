package dev.switchboard.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextRulesTest {
    private static Optional<String> problem(String text) {
        return TextRules.problem(text, 10);
    }

    @Test
    void ordinaryTextWithNewlinesTabsAndUnicodeIsFine() {
        assertEquals(Optional.empty(), problem("a\nb\tc"));
        assertEquals(Optional.empty(), problem("ü🚀日本語"));
        assertEquals(Optional.empty(), problem("🚀".repeat(10)), "ten code points, twenty chars");
    }

    @Test
    void emptyOrBlankTextIsRefused() {
        assertEquals(Optional.of("the message text is empty"), problem(""));
        assertEquals(Optional.of("the message text is empty"), problem(" \n\t"));
        assertEquals(Optional.of("the message text is empty"), problem(null));
    }

    @Test
    void textOverTheLimitIsRefusedWithBothNumbers() {
        assertEquals(Optional.of("the message is 11 characters; the limit is 10"), problem("x".repeat(11)));
    }

    @Test
    void controlCharactersOtherThanNewlineAndTabAreRefused() {
        for (String bad : new String[] {"a\u0000b", "a\u001bb", "a\rb", "a\u007fb", "a\u2028b", "a\u2029b"}) {
            Optional<String> p = problem(bad);
            assertTrue(
                    p.isPresent()
                            && p.get()
                                    .matches("the message contains a (control character|line separator"
                                            + "|paragraph separator) .*"),
                    bad + " -> " + p);
        }
        assertEquals(
                Optional.of("the message contains a control character (U+001B) at position 1; only newlines"
                        + " and tabs are allowed"),
                problem("a\u001b"));
    }

    @Test
    void brokenSurrogatesAreRefused() {
        assertTrue(problem("a\ud83d").orElseThrow().contains("broken unicode"));
        assertTrue(problem("a\ude80b").orElseThrow().contains("broken unicode"));
    }

    @Test
    void thePositionCountsCharactersNotUtf16Units() {
        // an emoji before the bad character is one character, not two
        assertEquals(
                Optional.of("the message contains a line separator (U+2028) at position 2; only newlines"
                        + " and tabs are allowed"),
                TextRules.problem("💡a\u2028b", 100));
    }
}
