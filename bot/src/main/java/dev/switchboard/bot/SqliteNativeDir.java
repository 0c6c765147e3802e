package dev.switchboard.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where sqlite-jdbc unpacks its native library. By default that is the shared {@code java.io.tmpdir}, where
 * CLI processes started at the same moment (and other users' processes) clean up each other's copies and a
 * start can fail. A folder of this user's own, set before the driver loads, avoids that.
 */
final class SqliteNativeDir {
    static final String PROPERTY = "org.sqlite.tmpdir";

    private SqliteNativeDir() {}

    /** Sets {@value #PROPERTY} unless it is set already; leaves the default when no folder can be made. */
    static void configure(Map<String, String> env) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path dir = folder(env);
        try {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the user's profile folder is private already.
            }
            System.setProperty(PROPERTY, dir.toString());
        } catch (IOException e) {
            // A read-only home: the shared default still works when nothing runs at the same moment.
            System.err.println("warning: cannot create " + dir + " (" + e.getMessage() + "); SQLite's native"
                    + " library is unpacked in " + System.getProperty("java.io.tmpdir"));
        }
    }

    /** {@code $XDG_CACHE_HOME/switchboard/sqlite}, else {@code ~/.cache/switchboard/sqlite}. */
    static Path folder(Map<String, String> env) {
        return UserCacheDir.of(env).resolve("sqlite");
    }
}
