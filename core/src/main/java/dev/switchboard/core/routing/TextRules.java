package dev.switchboard.core.routing;

import java.util.Optional;

/** What message text may contain: not empty, not too long, no control characters but newline and tab. */
public final class TextRules {
    private TextRules() {}

    /** @return the problem with {@code text}, in one line, or empty if it may be sent */
    public static Optional<String> problem(String text, int maxChars) {
        if (text == null || text.isBlank()) {
            return Optional.of("the message text is empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxChars) {
            return Optional.of("the message is " + length + " characters; the limit is " + maxChars);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return Optional.of("the message is not valid text (broken unicode at character " + i + ")");
                }
                i++;
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("the message is not valid text (broken unicode at character " + i + ")");
            }
            if ((Character.isISOControl(c) && c != '\n' && c != '\t') || c == '\u2028' || c == '\u2029') {
                // U+2028/2029 end lines in some programs and not in others: refused like control characters.
                String what = c == '\u2028'
                        ? "a line separator"
                        : c == '\u2029' ? "a paragraph separator" : "a control character";
                return Optional.of(String.format(
                        "the message contains %s (U+%04X) at position %d;" + " only newlines and tabs are allowed",
                        what, (int) c, text.codePointCount(0, i)));
            }
        }
        return Optional.empty();
    }
}
