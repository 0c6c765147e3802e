package dev.switchboard.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code <data_dir>/nodes.json}: which nodes the hub last saw online, for {@code agents} in any process (the CLI
 * has no broker connection). Written on each change, to a temp file then renamed.
 */
final class NodesFile {
    private NodesFile() {}

    static Path of(Path dataDir) {
        return dataDir.resolve("nodes.json");
    }

    static void write(Path file, NodePresence presence, Set<String> nodes) {
        StringBuilder b = new StringBuilder("{");
        String sep = "";
        for (String n : new TreeSet<>(nodes)) {
            boolean online = presence.of(n).map(NodePresence.State::online).orElse(false);
            b.append(sep)
                    .append('"')
                    .append(n)
                    .append("\":\"")
                    .append(online ? "online" : "offline")
                    .append('"');
            sep = ",";
        }
        b.append("}\n");
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(NodesFile.class).warn("cannot write {}: {}", file, e.getMessage());
        }
    }
}
