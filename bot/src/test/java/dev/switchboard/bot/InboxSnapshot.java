package dev.switchboard.bot;

import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.InboxFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every file under the agents' {@code inbox/} and {@code inbox/processed/} folders, read at one moment. */
record InboxSnapshot(List<InboxFile> files, List<Path> strays) {

    /** An inbox file: who it is for, whether it was moved to processed/, its id (name and front matter), body. */
    record InboxFile(Path path, String agent, boolean processed, String nameId, String frontMatterId, String body) {}

    static InboxSnapshot read(Path workspaces) throws IOException {
        List<InboxFile> files = new ArrayList<>();
        List<Path> strays = new ArrayList<>();
        if (!Files.isDirectory(workspaces)) {
            return new InboxSnapshot(files, strays);
        }
        try (Stream<Path> agents = Files.list(workspaces)) {
            for (Path agentDir : agents.sorted().toList()) {
                String agent = agentDir.getFileName().toString();
                Path inbox = agentDir.resolve("inbox");
                collect(inbox, agent, false, files, strays);
                collect(inbox.resolve(InboxDeliverer.PROCESSED), agent, true, files, strays);
            }
        }
        return new InboxSnapshot(files, strays);
    }

    private static void collect(Path dir, String agent, boolean processed, List<InboxFile> files, List<Path> strays)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                if (Files.isDirectory(p)) {
                    continue;
                }
                String name = p.getFileName().toString();
                var id = InboxFormat.idOf(name);
                if (id.isEmpty()) {
                    strays.add(p); // a temp file left behind, or anything else that is not a message
                    continue;
                }
                String content = Files.readString(p, StandardCharsets.UTF_8);
                String frontMatterId = content.lines()
                        .filter(l -> l.startsWith("id: "))
                        .findFirst()
                        .map(l -> l.substring(4))
                        .orElse(null);
                files.add(new InboxFile(p, agent, processed, id.get(), frontMatterId, InboxFormat.bodyOf(content)));
            }
        }
    }
}
