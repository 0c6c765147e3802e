package dev.switchboard.core.loop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * "Look now" for a loop that otherwise polls. A wake that comes while the loop is busy is kept for its next
 * wait, so it is not lost between the look and the wait; any number of wakes before a wait count as one; once
 * closed, every wait returns at once, so a stop need not wait out the poll. Give {@link #close} to
 * {@link BackgroundLoop.Builder#unblockWith} and the loop's stop wakes the pass itself.
 */
public final class WakeSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean pending;
    private boolean closed;

    /** Something happened: the current or the next wait returns at once. */
    public void wake() {
        lock.lock();
        try {
            pending = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until woken, closed, or {@code millis} have passed, and takes the wake.
     *
     * @return whether it was woken or closed (false: the time ran out)
     */
    public boolean await(long millis) throws InterruptedException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
            while (!pending && !closed && left > 0) {
                left = changed.awaitNanos(left);
            }
            boolean woken = pending || closed;
            pending = false;
            return woken;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the current wait and every later one at once; for good. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
