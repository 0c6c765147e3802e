package dev.switchboard.bot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Only one {@code switchboard run} may deliver from a data directory: two would fight over leases and
 * deliver twice. The OS releases the lock when the process dies, even by SIGKILL.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE = "run.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the lock, or empty if another process holds it */
    public static Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel ch = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new DataDirLock(ch, l));
        } catch (OverlappingFileLockException e) {
            ch.close();
            return Optional.empty();
        }
    }

    /** Whether a running Switchboard holds the data directory (for the CLI's "will be delivered" hint). */
    public static boolean isHeld(Path dataDir) {
        if (!Files.exists(dataDir.resolve(FILE))) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot release " + FILE, e);
        }
    }
}
