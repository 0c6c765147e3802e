package dev.switchboard.bot.twitch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link ChatSink} that keeps what was sent, with when (for rate checks). */
final class RecordingSink implements ChatSink {
    record Sent(long nanos, OutgoingChat line) {}

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void send(OutgoingChat line) {
        sent.add(new Sent(System.nanoTime(), line));
        notifyAll();
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized List<String> texts() {
        return sent.stream().map(s -> s.line().text()).toList();
    }

    synchronized List<Sent> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + count + " lines; got " + texts());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(sent);
    }
}
