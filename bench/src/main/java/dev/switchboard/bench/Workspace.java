package dev.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmark's temporary folder: everything it writes lives here and is deleted at the end. */
final class Workspace implements AutoCloseable {
    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /** A fresh folder under {@code parent} (the disk being measured). */
    static Workspace create(Path parent) throws IOException {
        Files.createDirectories(parent);
        return new Workspace(Files.createTempDirectory(parent, "switchboard-bench-"));
    }

    Path root() {
        return root;
    }

    /** A new empty sub-folder. */
    Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        deleteTree(root);
    }
}
