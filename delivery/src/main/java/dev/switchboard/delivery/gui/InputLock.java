package dev.switchboard.delivery.gui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * There is one mouse and one keyboard: only one GUI delivery may touch them at a time, across all agents.
 * Inbox and tmux deliveries never take this lock, so they go on in parallel. Fair, so no agent starves.
 */
public final class InputLock {

    /** The lock every GUI delivery of this process shares. */
    public static final InputLock GLOBAL = new InputLock();

    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger maxHolders = new AtomicInteger();

    /** @return false when the lock could not be had within the wait */
    public boolean acquire(long waitMs) throws InterruptedException {
        if (!lock.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
            return false;
        }
        int now = holders.incrementAndGet();
        maxHolders.accumulateAndGet(now, Math::max);
        return true;
    }

    public void release() {
        holders.decrementAndGet();
        lock.unlock();
    }

    /** Most holders ever seen at once; anything above 1 would mean interleaved keystrokes (tests check it). */
    public int maxConcurrentHolders() {
        return maxHolders.get();
    }
}
