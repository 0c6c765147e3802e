package dev.switchboard.delivery.peek;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.snapshot.Attachment;
import dev.switchboard.core.snapshot.Snapshot;
import dev.switchboard.core.snapshot.SnapshotSource.SnapshotException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An inbox agent's newest inbox file (waiting, else the newest in {@code processed/}) and newest outbox file
 * (waiting, else the newest in {@code sent/}), each cut to {@link #MAX_CHARS}.
 */
final class InboxPeek {
    static final int MAX_CHARS = 3_000;

    private InboxPeek() {}

    static Snapshot take(AgentConfig agent, Path inbox, Path outbox) {
        List<String> lines = new ArrayList<>();
        List<Attachment> files = new ArrayList<>();
        add(agent, "inbox", newest(inbox, "processed"), lines, files);
        add(agent, "outbox", newest(outbox, "sent"), lines, files);
        return new Snapshot(agent.id() + " · newest inbox and outbox files", lines, files);
    }

    private static void add(
            AgentConfig agent, String what, Optional<Path> file, List<String> lines, List<Attachment> files) {
        if (file.isEmpty()) {
            lines.add(what + ": empty");
            return;
        }
        Path f = file.get();
        try {
            byte[] bytes = Files.readAllBytes(f);
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean cut = text.length() > MAX_CHARS;
            lines.add(what + ": " + f.getParent().getFileName() + "/" + f.getFileName() + " (" + bytes.length
                    + " bytes, " + Files.getLastModifiedTime(f) + (cut ? ", first " + MAX_CHARS + " characters" : "")
                    + ")");
            files.add(Attachment.text(agent.id() + "-" + what + ".md", cut ? text.substring(0, MAX_CHARS) : text));
        } catch (IOException e) {
            throw new SnapshotException("cannot read " + what + " file " + f.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The newest {@code *.md} in the folder, else in its archive subfolder. */
    static Optional<Path> newest(Path folder, String archive) {
        Optional<Path> waiting = newestIn(folder);
        return waiting.isPresent() ? waiting : newestIn(folder.resolve(archive));
    }

    private static Optional<Path> newestIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
                    .max(Comparator.comparing(InboxPeek::modified)
                            .thenComparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new SnapshotException("cannot list " + folder.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
