package dev.switchboard.delivery.tmux;

/**
 * What verification looks for in a pane: the tail of the text's last stretch of visible characters (after its
 * last new line or other control character).
 *
 * <p>A pane does not give text back byte for byte: it wraps long lines, shows tabs as spaces, and may draw emoji
 * and their modifiers differently. So both the probe and the captured screen are compared in a normal form that
 * keeps only letters, digits and punctuation of the Basic Multilingual Plane (no whitespace, no symbols).
 */
final class PaneProbe {

    static final int MAX_LENGTH = 40;

    private PaneProbe() {}

    /** The probe for a text, already normalised, or empty when nothing visible can be looked for. */
    static String of(String text) {
        // Control characters (a tab, say) are drawn differently by each program (spaces, "^I"): look only
        // after the last one.
        String[] lines = text.split("\\p{Cntrl}");
        for (int i = lines.length - 1; i >= 0; i--) {
            String kept = normalize(lines[i]);
            if (!kept.isEmpty()) {
                return kept.length() <= MAX_LENGTH ? kept : kept.substring(kept.length() - MAX_LENGTH);
            }
        }
        return "";
    }

    /** Letters, digits and punctuation only; everything a terminal might redraw differently is dropped. */
    static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isBmpCodePoint(cp)
                    && !Character.isWhitespace(cp)
                    && !Character.isISOControl(cp)
                    && keptType(Character.getType(cp))) {
                sb.append((char) cp);
            }
        });
        return sb.toString();
    }

    private static boolean keptType(int type) {
        return switch (type) {
            case Character.OTHER_SYMBOL,
                    Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL -> false;
            default -> true;
        };
    }

    /** How many times the probe occurs in a capture (the capture is normalised here). */
    static int count(String capture, String probe) {
        if (probe.isEmpty()) {
            return 0;
        }
        String norm = normalize(capture);
        int n = 0;
        for (int at = norm.indexOf(probe); at >= 0; at = norm.indexOf(probe, at + probe.length())) {
            n++;
        }
        return n;
    }
}
