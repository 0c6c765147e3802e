package dev.switchboard.bench;

import dev.switchboard.delivery.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * The raw limits of the disk under the work folder, which every other figure is compared with:
 * (a) append 256 bytes and fsync; (b) write a 1 KB temp file, fsync, rename atomically, fsync the directory
 * (the same {@link AtomicFiles} code the inbox uses).
 */
record DiskLimits(double appendFsyncPerSecond, double atomicWritePerSecond) {

    static DiskLimits measure(Path dir, Duration each) throws IOException {
        Files.createDirectories(dir);
        return new DiskLimits(appendFsync(dir.resolve("append.log"), each), atomicWrites(dir.resolve("atomic"), each));
    }

    private static double appendFsync(Path file, Duration each) throws IOException {
        byte[] record = new byte[256];
        Arrays.fill(record, (byte) 'x');
        record[255] = '\n';
        long ops = 0;
        long start = System.nanoTime();
        long end = start + each.toNanos();
        long now;
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            do {
                ByteBuffer buf = ByteBuffer.wrap(record);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
                ops++;
                now = System.nanoTime();
            } while (now < end);
        } finally {
            Files.deleteIfExists(file);
        }
        return ops / ((now - start) / 1e9);
    }

    private static double atomicWrites(Path dir, Duration each) throws IOException {
        Files.createDirectories(dir);
        byte[] content = new byte[1024];
        Arrays.fill(content, (byte) 'y');
        long ops = 0;
        long start = System.nanoTime();
        long end = start + each.toNanos();
        long now;
        do {
            // A new name each time, as inbox files have: a rename over an existing file costs differently.
            AtomicFiles.write(dir.resolve("m" + ops + ".md"), content);
            ops++;
            now = System.nanoTime();
        } while (now < end);
        Workspace.deleteTree(dir);
        return ops / ((now - start) / 1e9);
    }
}
