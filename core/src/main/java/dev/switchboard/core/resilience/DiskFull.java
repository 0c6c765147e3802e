package dev.switchboard.core.resilience;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Whether a failed write failed for want of space: the disk is full ({@code ENOSPC}) or the user's quota is
 * used up ({@code EDQUOT}). Unlike other write failures, that one ends by itself once space comes back.
 */
public final class DiskFull {
    private DiskFull() {}

    /** True when {@code e} or one of its causes is an I/O or database failure saying there is no room. */
    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof SQLException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("no space left") || m.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }
}
