package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.delivery.tmux.InputLines.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judgement of a pane's input line, on screens as tmux gives them (rows, cursor), without tmux. */
class InputLinesTest {

    @TempDir
    Path dir;

    /** A 40-column pane whose cursor is on its last row, {@code rows} being the visible rows. */
    private static PaneWatcher.Snapshot screen(long column, boolean cursorShown, long width, String... rows) {
        return new PaneWatcher.Snapshot(0, rows.length - 1, 2000, column, cursorShown, width, 0, 200, List.of(rows));
    }

    private static PaneWatcher.Snapshot screen(long column, String... rows) {
        return screen(column, true, 40, rows);
    }

    private InputLines learned(String row, long column) {
        InputLines lines = new InputLines(dir);
        lines.learn("A", "agent", screen(column, "older", row), screen(column, "older", "something", row));
        return lines;
    }

    @Test
    void theRowAsItWasBeforeThePasteAndAfterTheSubmitIsTheEmptyLine() {
        InputLines lines = learned("ready>", 7);
        assertEquals(Verdict.EMPTY, lines.judge("A", "agent", screen(7, "x", "ready>"), "hi"));
        assertEquals(Verdict.NOT_EMPTY, lines.judge("A", "agent", screen(13, "x", "ready> draft"), "hi"));
        // a draft whose cursor was moved back to its start still shows more than the empty line
        assertEquals(Verdict.NOT_EMPTY, lines.judge("A", "agent", screen(7, "x", "ready> draft"), "hi"));
        // the last line of a multi-line text left unsubmitted
        assertEquals(Verdict.NOT_EMPTY, lines.judge("A", "agent", screen(1, "ready> {", "}"), "hi"));
        // kept for the next process
        assertEquals(Verdict.NOT_EMPTY, new InputLines(dir).judge("A", "agent", screen(13, "ready> draft"), "hi"));
    }

    @Test
    void nothingIsJudgedWithoutALookOfThisProgramOrWithAHiddenCursor() {
        InputLines lines = learned("ready>", 7);
        assertEquals(Verdict.UNKNOWN, lines.judge("B", "agent", screen(13, "ready> draft"), "hi"));
        assertEquals(Verdict.UNKNOWN, lines.judge("A", "other", screen(13, "ready> draft"), "hi"));
        assertEquals(Verdict.UNKNOWN, lines.judge("A", "agent", screen(13, false, 40, "ready> draft"), "hi"));
    }

    @Test
    void aPromptThatChangesWithEveryInputIsNotLearned() {
        InputLines lines = new InputLines(dir);
        lines.learn("A", "bash", screen(6, "[1] $"), screen(6, "[1] $ echo", "[2] $"));
        assertEquals(null, lines.get("A"));
        assertEquals(Verdict.UNKNOWN, lines.judge("A", "bash", screen(6, "[2] $"), "hi"));
    }

    @Test
    void aPartlyErasedPromptHoldsNoTextAndDoesNotReplaceTheWholeOne() {
        InputLines lines = learned("chat>", 6);
        assertEquals(Verdict.EMPTY, lines.judge("A", "agent", screen(6, "c"), "hi"));
        lines.learn("A", "agent", screen(6, "c"), screen(6, "x", "c"));
        assertEquals("chat>", lines.get("A").row());
        assertEquals(Verdict.NOT_EMPTY, lines.judge("A", "agent", screen(6, "cat"), "hi"));
    }

    @Test
    void atAnotherWidthABoxsBorderMayMove() {
        InputLines lines = learned("│ >                                    │", 4);
        assertEquals(
                Verdict.EMPTY,
                lines.judge(
                        "A",
                        "agent",
                        screen(4, true, 60, "│ >                                                        │"),
                        "hi"));
        assertEquals(
                Verdict.NOT_EMPTY,
                lines.judge(
                        "A",
                        "agent",
                        screen(4, true, 60, "│ > draft                                                  │"),
                        "hi"));
    }

    @Test
    void exactlyThisMessagesTextAfterThePromptIsItsOwn() {
        InputLines lines = learned("ready>", 7);
        String text = "first line\nsecond → line";
        assertEquals(
                Verdict.OWN_TEXT,
                lines.judge("A", "agent", screen(20, "ready> earlier", "ready> first line", "second → line"), text));
        assertEquals(
                Verdict.NOT_EMPTY,
                lines.judge("A", "agent", screen(20, "ready> a draft first line", "second → line"), text));
        assertEquals(Verdict.NOT_EMPTY, lines.judge("A", "agent", screen(14, "ready> second → line"), text));
        // a text with nothing visible is never taken for what the line holds
        assertEquals(Verdict.EMPTY, lines.judge("A", "agent", screen(7, "ready>"), "🚀"));
    }

    @Test
    void deletingTheFileLetsAChangedLineBeLearnedAgain() throws Exception {
        InputLines lines = learned("> ", 2);
        assertEquals(Verdict.NOT_EMPTY, lines.judge("A", "agent", screen(11, "architect>"), "hi"));
        Files.delete(dir.resolve(InputLines.FILE_NAME));
        assertEquals(Verdict.UNKNOWN, lines.judge("A", "agent", screen(11, "architect>"), "hi"));
        lines.learn("A", "agent", screen(11, "architect>"), screen(11, "x", "architect>"));
        assertEquals(Verdict.EMPTY, lines.judge("A", "agent", screen(11, "y", "architect>"), "hi"));
    }

    @Test
    void nothingMovedSinceTheLastSubmitIsEmptyEvenOnAGarbledLine() {
        InputLines lines = learned("chat>", 6);
        List<String> rows = new ArrayList<>(List.of("x", "ch t"));
        PaneWatcher.Snapshot after = screen(3, rows.toArray(String[]::new));
        lines.submitted("A", after);
        assertEquals(Verdict.EMPTY, lines.judge("A", "agent", screen(3, "x", "ch t"), "hi"));
        // only once: the next look is judged by the empty line again
        assertEquals(Verdict.NOT_EMPTY, lines.judge("A", "agent", screen(3, "x", "ch t"), "hi"));
    }
}
