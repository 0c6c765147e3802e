package dev.switchboard.delivery.tmux;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How an agent's pane looks when its program waits for input with nothing typed: the row the cursor is on and
 * the cursor's column, learned from a verified delivery (the row looked the same before the paste and after the
 * submit).
 *
 * @param command the pane's program when it was learned ({@code #{pane_current_command}}); another program's
 *                prompt says nothing about this one
 * @param width   the pane's width then: a resize may redraw what stands right of the cursor (a box's border)
 * @param column  the cursor's column ({@code #{cursor_x}})
 * @param row     the cursor's row as {@code capture-pane} gives it (trailing spaces dropped)
 * @param program which process held the pane's terminal then ({@link ForegroundProgram}), empty when unknown:
 *                a restarted program may draw another prompt, and its input starts empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EmptyLine(String command, long width, long column, String row, String program) {

    /** The part of a row left of the cursor: the prompt, plus anything typed when the cursor is at its end. */
    static String left(String row, long column) {
        return row.substring(0, (int) Math.min(row.length(), Math.max(0, column)));
    }

    static String right(String row, long column) {
        return row.substring((int) Math.min(row.length(), Math.max(0, column)));
    }

    /**
     * Whether the cursor's row shows this empty line: the cursor at the same column, and nothing on the row that
     * the empty line does not show there. Less is allowed: a program whose idea of a character's width differs
     * from tmux's (wide emoji, right-to-left text) may leave its prompt partly erased after a submit, and such a
     * row holds no text either. At another width of the pane, right of the cursor only the same letters, digits
     * and punctuation are asked for (a box's border and padding are redrawn to the new width).
     */
    boolean shownBy(String cursorRow, long cursorColumn, long paneWidth) {
        if (cursorColumn != column) {
            return false;
        }
        if (paneWidth == width) {
            return covered(cursorRow, row);
        }
        return covered(left(cursorRow, cursorColumn), left(row, column))
                && PaneProbe.normalize(right(cursorRow, cursorColumn)).equals(PaneProbe.normalize(right(row, column)));
    }

    /** Every character of {@code shown} is blank or the one {@code empty} has at that place. */
    static boolean covered(String shown, String empty) {
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c != ' ' && (i >= empty.length() || empty.charAt(i) != c)) {
                return false;
            }
        }
        return true;
    }
}
