package dev.switchboard.bot.twitch;

import dev.switchboard.core.loop.BackgroundLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the bot says goes through here: one sender loop, lines leave in the order they were queued
 * (so one message's status lines stay in order), never more than the {@link SendWindow} allows. Optional lines
 * (answers to viewers) are refused when they would have to wait; the rest wait their turn, up to
 * {@code capacity} lines. A send that throws costs that line only: the loop logs it once and goes on.
 */
final class ChatOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatOutbox.class);
    /** The longest a pass waits for a line or a free slot, so the loop looks at its state now and then. */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ChatSink sink;
    private final SendWindow window;
    private final int capacity;
    private final ArrayDeque<OutgoingChat> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final BackgroundLoop sender;
    private boolean closed;
    /** Lines refused because the outbox was full, since the first of them was reported (0: not dropping). */
    private long dropped;

    private ChatOutbox(ChatSink sink, SendWindow window, int capacity) {
        this.sink = sink;
        this.window = window;
        this.capacity = capacity;
        // A send waits for Twitch's acknowledgement (bounded); the stop waits for that, then interrupts it.
        this.sender = BackgroundLoop.named("twitch-outbox")
                .log(LOG)
                .stopWithin(Duration.ofSeconds(2))
                .unblockWith(this::closeQueue)
                .start(this::pass);
    }

    public static ChatOutbox start(ChatSink sink, int limit, Duration period, LongSupplier nanoClock) {
        return start(sink, new SendWindow(limit, period, nanoClock), 200);
    }

    static ChatOutbox start(ChatSink sink, SendWindow window, int capacity) {
        return new ChatOutbox(sink, window, capacity);
    }

    /** Whether {@code lines} more lines could leave right away (the global budget for optional answers). */
    public boolean hasRoomNow(int lines) {
        lock.lock();
        try {
            return window.free() - queue.size() >= lines;
        } finally {
            lock.unlock();
        }
    }

    /** @return false if the line was dropped: optional and no room now, the outbox full, or closed */
    public boolean offer(OutgoingChat line) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (line.optional() && window.free() - queue.size() < 1) {
                LOG.debug("twitch: not answering in #{}: send budget used up", line.channel());
                return false;
            }
            if (queue.size() >= capacity) {
                // One line when it starts and one when it ends: a flood must not write a warning per line.
                if (dropped++ == 0) {
                    LOG.warn(
                            "twitch: dropping lines: {} are already waiting for the rate limit (the first dropped"
                                    + " was to #{}); a count follows when there is room again",
                            queue.size(),
                            line.channel());
                }
                return false;
            }
            if (dropped > 0) {
                LOG.info("twitch: the outbox has room again; {} line(s) were dropped while it was full", dropped);
                dropped = 0;
            }
            queue.addLast(line);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Lines waiting to leave. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the sender loop is still running (false once closed, or if it ended some other way). */
    public boolean isAlive() {
        return sender.alive();
    }

    /** Sends the next line if the window has room; otherwise waits (bounded) for a line or a free slot. */
    private void pass() throws InterruptedException {
        OutgoingChat next;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (queue.isEmpty()) {
                changed.awaitNanos(MAX_WAIT_NANOS);
                return;
            }
            long wait = window.nanosUntilFree();
            if (wait > 0) {
                changed.awaitNanos(Math.min(wait, MAX_WAIT_NANOS));
                return;
            }
            window.tryAcquire();
            next = queue.pollFirst();
        } finally {
            lock.unlock();
        }
        try {
            sink.send(next);
        } catch (RuntimeException e) {
            // The loop logs it (once while the same failure repeats) and backs off; the line is not sent again,
            // since it may have reached Twitch before the failure.
            throw new IllegalStateException("sending a line to #" + next.channel() + " failed; it is dropped", e);
        } finally {
            // Count the line from when it left (the sink returns once Twitch acknowledged it, or gave up
            // waiting), not from when its slot was taken: Twitch counts what it receives.
            lock.lock();
            try {
                window.sent();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Refuses new lines and ends a pass's wait; run by the loop's stop. */
    private void closeQueue() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            if (dropped > 0) {
                LOG.info("twitch: outbox closed; {} line(s) were dropped while it was full", dropped);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the sender (a line being sent gets up to 2 s); lines still queued are dropped. */
    @Override
    public void close() {
        sender.stop();
    }
}
