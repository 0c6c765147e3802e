package dev.switchboard.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Writes that survive a crash at any instant: temp file, fsync, atomic rename, directory fsync. A reader
 * sees either no file or the whole file, never a part.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, content);
        move(temp, target);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Several files at once, each as safe as {@link #write}, for a fraction of the fsyncs: every temp file is
     * written and fsynced (in parallel on {@code io}, so the file system commits them together), then all are
     * renamed in the given order, then each folder is fsynced once. If this throws, no file was renamed into
     * place and the temp files are gone.
     *
     * @param files target → content, in the order they should appear
     */
    public static void writeAll(LinkedHashMap<Path, byte[]> files, Executor io)
            throws IOException, InterruptedException {
        List<Path> targets = new ArrayList<>(files.keySet());
        List<CompletableFuture<Path>> temps = new ArrayList<>();
        for (Path target : targets) {
            byte[] content = files.get(target);
            temps.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return writeTemp(target, content);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    io));
        }
        List<Path> written = new ArrayList<>();
        IOException failure = null;
        for (CompletableFuture<Path> t : temps) {
            try {
                written.add(t.get());
            } catch (ExecutionException e) {
                IOException cause =
                        e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            for (Path temp : written) {
                Files.deleteIfExists(temp);
            }
            throw failure;
        }
        Set<Path> dirs = new LinkedHashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            move(written.get(i), targets.get(i));
            dirs.add(targets.get(i).toAbsolutePath().getParent());
        }
        for (Path dir : dirs) {
            fsyncDirectory(dir);
        }
    }

    private static Path writeTemp(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return temp;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException(
                    "the file system of " + target.toAbsolutePath().getParent() + " cannot rename atomically", e);
        }
    }

    /** Makes a rename in {@code dir} durable (Linux: fsync on the directory's descriptor). */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
            if (!System.getProperty("os.name", "")
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("win")) {
                throw e;
            }
        }
    }
}
