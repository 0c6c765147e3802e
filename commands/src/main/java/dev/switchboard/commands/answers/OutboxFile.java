package dev.switchboard.commands.answers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An outbox file's text: an optional front matter block ({@code ---} lines around {@code key: value} lines;
 * {@code reply_to} and {@code to} are read, other keys are kept but not used) and the answer after it.
 *
 * @param replyTo the message it answers, or null
 * @param to      the agent to send it to, or null
 * @param body    the answer
 */
record OutboxFile(String replyTo, String to, String body) {

    /** @throws AnswerRefused when the front matter is opened but not closed, or a line of it is not a key */
    public static OutboxFile parse(String content) {
        String text = content.replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            return new OutboxFile(null, null, text);
        }
        int end = text.indexOf("\n---", 3);
        while (end >= 0 && !(end + 4 == text.length() || text.charAt(end + 4) == '\n')) {
            end = text.indexOf("\n---", end + 1);
        }
        if (end < 0) {
            throw new AnswerRefused("front matter opened with --- but never closed");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        String block = text.substring(4, end + 1);
        int lineNo = 1;
        for (String line : block.split("\n", -1)) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new AnswerRefused("front matter line " + lineNo + " is not 'key: value'");
            }
            String key = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            keys.put(key, unquote(l.substring(colon + 1).strip()));
        }
        String body = end + 5 <= text.length() ? text.substring(end + 5) : "";
        return new OutboxFile(blankToNull(keys.get("reply_to")), blankToNull(keys.get("to")), body);
    }

    /** A quoted value as written; an unquoted one without a trailing {@code  # comment}. */
    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
