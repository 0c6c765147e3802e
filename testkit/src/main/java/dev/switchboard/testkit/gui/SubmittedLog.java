package dev.switchboard.testkit.gui;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;

/**
 * The file a target program appends every submitted text to: one Base64 (UTF-8) line per text, so texts with
 * new lines, quotes or emoji come back exactly.
 */
public final class SubmittedLog {

    private SubmittedLog() {}

    public static synchronized void append(Path file, String text) throws IOException {
        byte[] line = (Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(line);
        }
    }

    /** Every text appended so far, in order; none when the file does not exist yet. */
    public static List<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .filter(l -> !l.isEmpty())
                .map(l -> new String(Base64.getDecoder().decode(l), StandardCharsets.UTF_8))
                .toList();
    }
}
