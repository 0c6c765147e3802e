package dev.switchboard.bot.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.core.routing.TextRules;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fuzz tests expect every {@link FuzzText#clean} text to be queued and delivered exactly, so it must hold only
 * what the product accepts ({@link TextRules}); otherwise a correct refusal reads as a lost message (Discord fuzz
 * seed 4498042736207: slash text 2877 held a U+2028 LINE SEPARATOR, and the bot rightly refused it in one line).
 */
class FuzzTextTest {
    @Test
    void cleanTextIsAlwaysAcceptedWithAndWithoutNewlines() {
        assertEachCleanTextAccepted(1L, true, 100_000);
        assertEachCleanTextAccepted(2L, false, 100_000);
    }

    private static void assertEachCleanTextAccepted(long seed, boolean newlines, int count) {
        FuzzText fuzz = new FuzzText(seed, newlines);
        for (int i = 0; i < count; i++) {
            String text = "x: " + fuzz.clean(10);
            int n = i;
            assertEquals(
                    Optional.empty(),
                    TextRules.problem(text, 4000),
                    () -> "seed " + seed + " text " + n + ": "
                            + text.codePoints()
                                    .mapToObj(c -> String.format("U+%04X", c))
                                    .toList());
        }
    }
}
