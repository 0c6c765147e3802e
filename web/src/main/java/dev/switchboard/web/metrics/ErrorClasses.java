package dev.switchboard.web.metrics;

import java.util.Locale;

/**
 * Groups failure reasons into a few classes for counting: the first failure of a chain, without the parts that
 * vary per message (numbers, paths, quoted names), so "gui failed: window 0x1c00007 not found" and the same for
 * another window count together.
 */
final class ErrorClasses {
    private static final int MAX_LENGTH = 60;

    private ErrorClasses() {}

    public static String of(String detail) {
        if (detail == null || detail.isBlank()) {
            return "unknown";
        }
        String first = detail.split(";", 2)[0];
        String c = first.toLowerCase(Locale.ROOT)
                .replaceAll("'[^']*'|\"[^\"]*\"", "…")
                .replaceAll("(/[^\\s:]+)+", "…")
                .replaceAll("\\(until [^)]*\\)", "")
                .replaceAll("0x[0-9a-f]+|[0-9]+", "#")
                .replaceAll("\\s+", " ")
                .strip();
        int colons = 0;
        for (int i = 0; i < c.length(); i++) {
            if (c.charAt(i) == ':' && ++colons == 2) {
                c = c.substring(0, i);
                break;
            }
        }
        c = c.strip();
        return c.isEmpty() ? "unknown" : c.length() > MAX_LENGTH ? c.substring(0, MAX_LENGTH) + "…" : c;
    }
}
