package dev.switchboard.commands.parse;

/**
 * Splits chat text into words, honouring "double" and 'single' quotes (backslash escapes inside double
 * quotes), and can hand back the untouched remainder for free text.
 */
public final class ChatTokenizer {
    private final String text;
    private int pos;

    public ChatTokenizer(String text) {
        this.text = text;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    public boolean hasNext() {
        skipSpace();
        return pos < text.length();
    }

    /** The next word without consuming it, or null. */
    public String peek() {
        int saved = pos;
        try {
            return next();
        } finally {
            pos = saved;
        }
    }

    /** The next whitespace-delimited word as typed (quotes not interpreted), without consuming it, or null. */
    public String peekRaw() {
        int start = pos;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return start == end ? null : text.substring(start, end);
    }

    /** The next word, quotes removed, or null at the end. */
    public String next() {
        skipSpace();
        if (pos >= text.length()) {
            return null;
        }
        StringBuilder word = new StringBuilder();
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote == 0 && Character.isWhitespace(c)) {
                break;
            }
            pos++;
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == '"'
                    && c == '\\'
                    && pos < text.length()
                    && (text.charAt(pos) == '"' || text.charAt(pos) == '\\')) {
                word.append(text.charAt(pos++));
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " quote");
        }
        return word.toString();
    }

    /**
     * Everything after the current position with only the one whitespace character that separates it from the
     * last word removed: further spaces belong to the text.
     */
    public String restAfterOneSeparator() {
        if (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        String r = text.substring(pos);
        pos = text.length();
        return r;
    }

    /** Everything after the current position, with the separating whitespace before it removed, else exact. */
    public String rest() {
        skipSpace();
        String r = text.substring(pos);
        pos = text.length();
        return r;
    }
}
