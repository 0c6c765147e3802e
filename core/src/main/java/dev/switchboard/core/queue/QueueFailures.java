package dev.switchboard.core.queue;

import dev.switchboard.core.loop.FailureLog;
import dev.switchboard.core.resilience.DiskFull;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns a database failure into what a user is told: whether anything was stored, and why not. */
final class QueueFailures {
    static final String DISK_FULL = "disk full: the queue database cannot be written; nothing was stored"
            + " (free some disk space, then send it again)";

    private QueueFailures() {}

    /**
     * @param committing whether the failure came from the COMMIT itself: then (unless the disk was full, where
     *                   SQLite rolls back for sure) nobody can tell whether the transaction is in the file
     */
    static QueueException describe(Throwable e, boolean committing) {
        if (isDiskFull(e)) {
            return new QueueException(DISK_FULL, e);
        }
        if (committing) {
            return new OutcomeUnknownException(
                    "the queue database failed while committing (" + FailureLog.oneLine(e) + ")", e);
        }
        return new QueueException(
                "could not commit to the queue database; nothing was stored (" + FailureLog.oneLine(e) + ")", e);
    }

    /** SQLITE_FULL from the database, or no room for a file beside it ({@link DiskFull}). */
    static boolean isDiskFull(Throwable e) {
        if (DiskFull.causedBy(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if ((t instanceof SQLException || t instanceof IOException)
                    && (m.contains("sqlite_full") || m.contains("database or disk is full"))) {
                return true;
            }
        }
        return false;
    }
}
