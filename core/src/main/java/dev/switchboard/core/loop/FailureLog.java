package dev.switchboard.core.loop;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * Logs a repeating failure once: the first occurrence with its stack trace, repeats of the same failure
 * (same kind of exception and message at the root) only at debug, a different failure again in full, and the
 * return to health in one line. A loop that retries every few hundred milliseconds during a long outage (a
 * full disk, say) would otherwise write its trace thousands of times an hour.
 */
public final class FailureLog {
    private final Logger log;
    private final String what;
    private String current;
    private long repeats;

    /** @param what what is failing, as it reads in a sentence: "the queue writer", "inbox scan" */
    public FailureLog(Logger log, String what) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** @return whether this failure is new (and was logged with its trace) */
    public boolean failed(Throwable t) {
        return failed(keyOf(t), t);
    }

    /**
     * For failures whose messages differ where the failure does not (a file system error names its file):
     * {@code key} says which failure it is.
     *
     * @return whether this failure is new (and was logged with its trace)
     */
    public synchronized boolean failed(String key, Throwable t) {
        if (key.equals(current)) {
            repeats++;
            log.debug("{} failed again: {}", what, key);
            return false;
        }
        current = key;
        repeats = 0;
        log.error("{} failed: {} (logged once until it changes)", what, oneLine(t), t);
        return true;
    }

    /** @return whether it had been failing (then one line says it works again) */
    public synchronized boolean succeeded() {
        if (current == null) {
            return false;
        }
        log.info("{} works again (after {} more failure(s) like: {})", what, repeats, current);
        current = null;
        repeats = 0;
        return true;
    }

    public synchronized boolean failing() {
        return current != null;
    }

    /** The kind and message of the innermost cause: what tells one failure from another. */
    static String keyOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The outer message (what was being done) with the root cause, on one line. */
    public static String oneLine(Throwable t) {
        String outer = String.valueOf(t.getMessage());
        String root = keyOf(t);
        String text = root.endsWith(outer) || t.getCause() == null ? root : outer + " (" + root + ")";
        return text.replaceAll("\\s+", " ").trim();
    }
}
