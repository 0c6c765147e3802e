package dev.switchboard.bot.twitch;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the bot says goes through here: one sender thread, lines leave in the order they were queued
 * (so one message's status lines stay in order), never more than the {@link SendWindow} allows. Optional lines
 * (answers to viewers) are refused when they would have to wait; the rest wait their turn, up to
 * {@code capacity} lines.
 */
final class ChatOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatOutbox.class);

    private final ChatSink sink;
    private final SendWindow window;
    private final int capacity;
    private final ArrayDeque<OutgoingChat> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread sender;
    private boolean closed;

    public ChatOutbox(ChatSink sink, SendWindow window, int capacity) {
        this.sink = sink;
        this.window = window;
        this.capacity = capacity;
        this.sender = new Thread(this::run, "twitch-outbox");
        this.sender.setDaemon(true);
    }

    public static ChatOutbox start(ChatSink sink, int limit, java.time.Duration period, LongSupplier nanoClock) {
        ChatOutbox outbox = new ChatOutbox(sink, new SendWindow(limit, period, nanoClock), 200);
        outbox.sender.start();
        return outbox;
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
                LOG.warn("twitch: not sending a line to #{}: {} lines already waiting for the rate limit",
                        line.channel(), queue.size());
                return false;
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

    private void run() {
        while (true) {
            OutgoingChat next;
            lock.lock();
            try {
                while (!closed && queue.isEmpty()) {
                    changed.await();
                }
                if (closed) {
                    return;
                }
                long wait = window.nanosUntilFree();
                if (wait > 0) {
                    changed.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
                    continue;
                }
                window.tryAcquire();
                next = queue.pollFirst();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                sink.send(next);
            } catch (RuntimeException e) {
                LOG.warn("twitch: sending a line to #{} failed", next.channel(), e);
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
    }

    /** Stops the sender; lines still queued are dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
