package dev.switchboard.bot.twitch;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes text safe to say in Twitch chat: one line, no control characters, never starting with {@code /} or
 * {@code .} (Twitch would run it as a chat command, e.g. {@code /ban}), at most 500 characters a message.
 */
final class ChatText {
    /** Twitch drops longer messages. */
    public static final int MAX_LENGTH = 500;
    /** Put before a line that would otherwise be read as a chat command. */
    static final String NEUTRAL_PREFIX = "» ";

    private ChatText() {}

    /**
     * Splits {@code text} into sanitised messages of at most {@code max} characters, preferring to break at a
     * space and never inside a surrogate pair. Empty input gives no messages.
     */
    public static List<String> split(String text, int max) {
        if (max <= NEUTRAL_PREFIX.length() + 1) {
            throw new IllegalArgumentException("max must be more than " + (NEUTRAL_PREFIX.length() + 1));
        }
        String rest = oneLine(text);
        List<String> parts = new ArrayList<>();
        // Room for the prefix a part may need once cut, so no part ever exceeds max.
        int room = max - NEUTRAL_PREFIX.length();
        while (!rest.isEmpty()) {
            if (rest.length() <= max && neutralise(rest).length() <= max) {
                parts.add(neutralise(rest));
                break;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut < room / 2) {
                cut = room;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            parts.add(neutralise(rest.substring(0, cut).strip()));
            rest = rest.substring(cut).strip();
        }
        parts.removeIf(String::isEmpty);
        return parts;
    }

    public static List<String> split(String text) {
        return split(text, MAX_LENGTH);
    }

    /** One line: control characters (CR, LF, tab, CTCP's \u0001 …) become spaces, runs of spaces one. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Prefixes a line Twitch would take as a chat command. */
    static String neutralise(String line) {
        if (line.startsWith("/") || line.startsWith(".")) {
            return NEUTRAL_PREFIX + line;
        }
        return line;
    }

    /**
     * Chat clients such as Chatterino append an invisible character to get past Twitch's duplicate-message
     * check; it is not part of what the person meant to send.
     */
    public static String withoutDuplicateBypass(String text) {
        int end = text.length();
        boolean found = false;
        while (end > 0) {
            if (end >= 2 && text.startsWith("\uDB40\uDC00", end - 2)) {
                end -= 2;
                found = true;
            } else if (text.charAt(end - 1) == '\u034F') {
                end--;
                found = true;
            } else if (found && text.charAt(end - 1) == ' ') {
                end--;
            } else {
                break;
            }
        }
        return found ? text.substring(0, end) : text;
    }

    /**
     * Twitch's reply button starts the text with {@code @<login of the message replied to> }; a command typed in
     * reply to the bot's line (say {@code @switchbot !status 3f2a}) is still a command.
     */
    public static String withoutReplyMention(String text, String parentLogin) {
        if (parentLogin == null || parentLogin.isBlank()) {
            return text;
        }
        String mention = "@" + parentLogin + " ";
        return text.regionMatches(true, 0, mention, 0, mention.length())
                ? text.substring(mention.length()).stripLeading()
                : text;
    }
}
