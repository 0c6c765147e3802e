package dev.switchboard.delivery;

import dev.switchboard.core.message.UnifiedMessage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inbox file: {@code <created>_<id>.md}, YAML front matter, then the body byte for byte. The name
 * carries the id, so a redelivery after a crash finds the file instead of writing a second one.
 */
public final class InboxFormat {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile(
            "\\d{8}T\\d{6}\\.\\d{3}Z_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.md");

    private InboxFormat() {}

    public static String fileName(UnifiedMessage m) {
        return STAMP.format(m.createdAt()) + "_" + m.id() + ".md";
    }

    /** The message id in an inbox file name, if it is one. */
    public static Optional<String> idOf(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static String render(UnifiedMessage m) {
        return "---\n"
                + "id: " + m.id() + "\n"
                + "from: " + quote(m.sender().describe()) + "\n"
                + "to: " + m.agent() + "\n"
                + "priority: " + m.priority() + "\n"
                + "type: " + m.type() + "\n"
                + "correlation: " + m.correlationId() + "\n"
                + "created: " + m.createdAt() + "\n"
                + "---\n"
                + m.body();
    }

    /** The body of a rendered file: everything after the second {@code ---} line. */
    public static String bodyOf(String fileContent) {
        int end = fileContent.indexOf("\n---\n");
        if (!fileContent.startsWith("---\n") || end < 0) {
            throw new IllegalArgumentException("not an inbox file (no front matter)");
        }
        return fileContent.substring(end + 5);
    }

    /** A double-quoted YAML scalar: display names may hold ':', '#', quotes or newlines. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
