package dev.switchboard.core.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A file that goes with an answer: a PNG picture, or text (pane lines, an inbox file). Front-ends decide how
 * to show it: Discord uploads it, the console saves a picture and prints text, the dashboard shows both.
 *
 * @param fileName  a plain file name (letters, digits, {@code -_.}), no folders
 * @param mediaType {@code image/png} or {@code text/plain}
 * @param content   the bytes (text is UTF-8)
 */
public record Attachment(String fileName, String mediaType, byte[] content) {
    public static final String PNG = "image/png";
    public static final String TEXT = "text/plain";

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}")) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
    }

    public static Attachment png(String fileName, byte[] png) {
        return new Attachment(fileName, PNG, png);
    }

    public static Attachment text(String fileName, String text) {
        return new Attachment(fileName, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isText() {
        return mediaType.startsWith("text/");
    }

    /** The content as text (for text attachments). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + mediaType + ", " + content.length + " bytes]";
    }
}
