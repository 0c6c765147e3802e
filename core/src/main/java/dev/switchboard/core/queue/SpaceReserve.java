package dev.switchboard.core.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk space the running service keeps back for a full disk, as a file of zeros beside the queue. When a write
 * fails because the disk is full, the file is given up: then what is already in flight (a delivery's outcome, a
 * message read) can still be written, so no message has to sit in DELIVERING until the disk has room again,
 * while new work (new messages, new claims) is refused as "disk full" and cannot use the space up. Once the disk
 * has room for the reserve twice over, it is taken back and the queue works as before. Only the writer's thread
 * uses it.
 */
final class SpaceReserve {
    static final String FILE_NAME = "queue.reserve";
    private static final Logger LOG = LoggerFactory.getLogger(SpaceReserve.class);

    private final Path file;
    private final long bytes;
    private boolean released;

    private SpaceReserve(Path file, long bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /**
     * Sets the reserve aside in {@code dataDir} (or finds it there). Where it cannot be written (the disk is
     * already full, the folder is read-only), the queue starts as given up, and takes it when there is room.
     */
    static SpaceReserve keep(Path dataDir, long bytes) {
        SpaceReserve reserve = new SpaceReserve(dataDir.resolve(FILE_NAME), bytes);
        try {
            reserve.write();
        } catch (IOException e) {
            reserve.released = true;
            LOG.warn(
                    "cannot set {} bytes aside in {} for a full disk ({}); taking them when there is room",
                    bytes,
                    dataDir,
                    e.getMessage());
        }
        return reserve;
    }

    /** Whether it is given up: the queue takes only writes that finish what is in flight. */
    boolean released() {
        return released;
    }

    /** The disk is full: frees the reserve for the writes of what is in flight. One line, once. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            Files.deleteIfExists(file);
            LOG.warn(
                    "disk full: freed the {} KB kept in reserve so that deliveries in progress can be recorded;"
                            + " new messages are refused until the disk has room again",
                    bytes / 1024);
        } catch (IOException e) {
            LOG.warn("disk full, and the space kept in reserve cannot be freed: {}", e.getMessage());
        }
    }

    /**
     * While given up: takes the reserve back if the disk has room for it twice over (a cheap look first).
     *
     * @return whether the reserve is held now
     */
    boolean tryRestore() {
        if (!released) {
            return true;
        }
        try {
            if (Files.getFileStore(file.getParent()).getUsableSpace() < 2 * bytes) {
                return false;
            }
            write();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file); // a part written is no reserve, and must not take the last space
            } catch (IOException ignored) {
                LOG.debug("cannot remove a partly written {}: {}", file, ignored.getMessage());
            }
            return false;
        }
        released = false;
        LOG.info("the disk has room again: {} KB are kept in reserve, and new messages are taken", bytes / 1024);
        return true;
    }

    /** Writes the whole file (zeros, so the space is allocated, not sparse) and syncs it. */
    private void write() throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == bytes) {
            return;
        }
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long left = bytes; left > 0; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), left));
                left -= ch.write(zeros);
            }
            ch.force(true);
        }
    }
}
