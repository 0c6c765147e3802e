package dev.switchboard.bot.discord;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chat messages of at most {@code limit} characters (Discord: 2000), at line breaks where it
 * can, at spaces otherwise. A code block cut in two is closed at the end of one part and reopened (with its
 * language) at the start of the next, so every part renders as the whole would have.
 */
final class MessageSplitter {
    public static final int DISCORD_LIMIT = 2000;
    private static final String FENCE = "```";
    private static final String CLOSE = "\n" + FENCE;

    private MessageSplitter() {}

    public static List<String> split(String text) {
        return split(text, DISCORD_LIMIT);
    }

    public static List<String> split(String text, int limit) {
        if (limit < 40) {
            throw new IllegalArgumentException("limit must be at least 40, was " + limit);
        }
        List<String> parts = new ArrayList<>();
        String openFence = null;
        String rest = text;
        while (true) {
            String prefix = openFence == null ? "" : openFence + "\n";
            if (prefix.length() + rest.length() <= limit) {
                parts.add(prefix + rest);
                return parts;
            }
            int budget = limit - prefix.length() - CLOSE.length();
            int cut = cutPoint(rest, budget);
            String piece = rest.substring(0, cut);
            rest = rest.substring(cut);
            if (rest.startsWith("\n")) {
                rest = rest.substring(1); // the break itself is where the message ends
            }
            String fenceAfter = fenceStateAfter(openFence, piece);
            parts.add(prefix + piece + (fenceAfter == null ? "" : CLOSE));
            openFence = fenceAfter;
        }
    }

    /** Where to end a part of at most {@code budget} chars: the last line break, else space, else hard. */
    private static int cutPoint(String s, int budget) {
        int newline = s.lastIndexOf('\n', budget);
        if (newline >= budget / 2) {
            return newline;
        }
        int space = s.lastIndexOf(' ', budget - 1);
        if (space >= budget / 2) {
            return space + 1;
        }
        int cut = budget;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--; // never split an emoji or other pair
        }
        return cut;
    }

    /** The opening fence line still open after {@code piece}, or null if none is. */
    private static String fenceStateAfter(String open, String piece) {
        String state = open;
        for (String line : piece.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(FENCE)) {
                state = state == null ? trimmed : null;
            }
        }
        return state;
    }
}
