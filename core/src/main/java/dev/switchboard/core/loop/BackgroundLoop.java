package dev.switchboard.core.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one pass after another until it is closed. Whatever a pass throws is caught
 * (errors too: a loop that dies silently leaves callers waiting forever), logged once per distinct failure
 * through a {@link FailureLog}, and followed by a back-off that doubles up to a ceiling and resets after a
 * pass that works. {@link #close()} waits a bounded time, then interrupts, so a stuck pass never hangs a
 * shutdown. A pass that waits for work (a queue poll, a condition) should wait at most about a second, or be
 * woken by its owner before {@code close()}.
 */
public final class BackgroundLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

    /** One pass of the loop. */
    @FunctionalInterface
    public interface Pass {
        void run() throws Exception;
    }

    private final String name;
    private final Pass pass;
    private final Runnable atExit;
    private final Runnable unblock;
    private final long minBackoffMillis;
    private final long maxBackoffMillis;
    private final Duration stopWithin;
    private final long everyMillis;
    private final FailureLog failures;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopRequested = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;

    private BackgroundLoop(Builder b, Pass pass) {
        this.name = b.name;
        this.pass = pass;
        this.atExit = b.atExit;
        this.unblock = b.unblock;
        this.minBackoffMillis = b.minBackoff.toMillis();
        this.maxBackoffMillis = Math.max(minBackoffMillis, b.maxBackoff.toMillis());
        this.stopWithin = b.stopWithin;
        this.everyMillis = b.every.toMillis();
        this.failures = new FailureLog(b.log, b.name);
        this.thread = new Thread(this::loop, b.name);
        thread.setDaemon(true);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Settings of a loop; {@link #start(Pass)} starts it. */
    public static final class Builder {
        private final String name;
        private Logger log = LOG;
        private Duration minBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration stopWithin = Duration.ofSeconds(10);
        private Runnable atExit = () -> {};
        private Runnable unblock = () -> {};
        private Duration every = Duration.ZERO;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Where its failures are logged (the owner's logger, so the log says whose loop it was). */
        public Builder log(Logger logger) {
            this.log = Objects.requireNonNull(logger, "logger");
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** A pause after each pass that worked (for passes that poll); a close ends it at once. */
        public Builder every(Duration interval) {
            this.every = interval;
            return this;
        }

        /** How long {@code close()} waits before it interrupts the thread. */
        public Builder stopWithin(Duration bound) {
            this.stopWithin = bound;
            return this;
        }

        /** Runs on the loop's thread when it ends, however it ends (closing a connection, failing what waits). */
        public Builder atExit(Runnable action) {
            this.atExit = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * How a stop ends a pass that waits for work or blocks in I/O: waking its {@link WakeSignal}, closing
         * its socket. Runs in {@code stop()} after the loop is marked stopping and before the join, so the pass
         * that returns (or fails on the closed socket) is not taken for a failure, and the loop ends without
         * waiting out a poll or the stop bound.
         */
        public Builder unblockWith(Runnable action) {
            this.unblock = Objects.requireNonNull(action, "action");
            return this;
        }

        public BackgroundLoop start(Pass pass) {
            BackgroundLoop loop = new BackgroundLoop(this, Objects.requireNonNull(pass, "pass"));
            loop.thread.start();
            return loop;
        }
    }

    private void loop() {
        long backoff = minBackoffMillis;
        try {
            while (running) {
                try {
                    pass.run();
                    failures.succeeded();
                    backoff = minBackoffMillis;
                    if (everyMillis > 0) {
                        pause(everyMillis);
                    }
                } catch (InterruptedException e) {
                    if (!running) {
                        return;
                    }
                    // Not asked to stop: an interrupt from elsewhere is one more failure, not the end.
                    failures.failed(e);
                    pause(backoff);
                } catch (Throwable t) { // NOPMD: a loop that dies on an Error silences its service
                    if (!running) {
                        LOG.debug("{} failed while stopping", name, t);
                        return;
                    }
                    failures.failed(t);
                    pause(backoff);
                    backoff = Math.min(maxBackoffMillis, Math.max(1, backoff * 2));
                }
            }
        } finally {
            try {
                atExit.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed while stopping", name, e);
            }
        }
    }

    /** Waits out a back-off; returns at once when the loop is closed. */
    private void pause(long millis) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (running && left > 0) {
                left = stopRequested.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            // Not kept: stop() interrupts only after setting `running`, which the loop checks next; a stray
            // interrupt kept here would make every later wait fail at once.
            LOG.debug("{}: back-off interrupted", name);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the loop still runs passes; passes that wait for work check it to return promptly on close. */
    public boolean running() {
        return running;
    }

    /** Whether the thread is still alive (false once it has ended, for whatever reason). */
    public boolean alive() {
        return thread.isAlive();
    }

    /** Whether the last pass failed (and the failure is not yet followed by a pass that worked). */
    public boolean failing() {
        return failures.failing();
    }

    /** Whether the caller is this loop's own thread. */
    public boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops after the current pass: waits up to the bound, then interrupts and waits a little more.
     *
     * @return whether the thread has ended
     */
    public boolean stop() {
        running = false;
        lock.lock();
        try {
            stopRequested.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            unblock.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot wake its pass to stop it: {}", name, e.toString());
        }
        if (isLoopThread()) {
            return false;
        }
        try {
            thread.join(stopWithin.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} ms; interrupting it", name, stopWithin.toMillis());
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    @Override
    public void close() {
        stop();
    }
}
