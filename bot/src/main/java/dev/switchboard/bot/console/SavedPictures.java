package dev.switchboard.bot.console;

import dev.switchboard.commands.Reply;
import dev.switchboard.core.snapshot.Attachment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A terminal cannot show a picture: the console and the CLI save a reply's pictures into
 * {@code <data_dir>/peeks/} (named with the time, so earlier ones stay) and print where.
 */
public final class SavedPictures {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private SavedPictures() {}

    /** @return one line per picture: where it was saved, or why it could not be */
    public static List<String> save(Reply reply, Path dataDir, Clock clock) {
        List<String> out = new ArrayList<>();
        for (Attachment a : reply.attachments()) {
            if (a.isText()) {
                continue;
            }
            Path dir = dataDir.resolve("peeks");
            String name = a.fileName().replaceFirst("(\\.[A-Za-z0-9]+)$", "-" + STAMP.format(clock.instant()) + "$1");
            Path file = dir.resolve(name);
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".peek", ".tmp");
                Files.write(tmp, a.content());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.add("  picture saved: " + file);
            } catch (IOException e) {
                out.add("  picture not saved (" + file + "): " + e.getMessage());
            }
        }
        return out;
    }
}
