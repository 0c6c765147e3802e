package dev.switchboard.bench;

import dev.switchboard.core.queue.SqliteMessageQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Durable enqueue: {@code producers} threads each call {@link SqliteMessageQueue#enqueue} (which returns
 * only after the commit) as fast as they can. A warm-up lets the JIT and the page cache settle; then every
 * call that starts inside the measuring window is timed. The window stretches until it holds at least
 * {@code minSamples} calls, so a slow disk still yields a percentile worth the name.
 */
final class EnqueueBench {
    /** One configuration's figures. */
    record Result(int producers, long rows, double perSecond, double p50Ms, double p99Ms, int samples) {}

    private EnqueueBench() {}

    static Result run(
            SqliteMessageQueue queue, int producers, long rows, Duration warmup, Duration measure, int minSamples)
            throws InterruptedException {
        AtomicLong counter = new AtomicLong();
        AtomicLong sampled = new AtomicLong();
        AtomicLong lastFinish = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Latencies> perThread = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(producers);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < producers; t++) {
            Latencies mine = new Latencies();
            perThread.add(mine);
            Thread thread = new Thread(
                    () -> {
                        try {
                            ready.countDown();
                            go.await();
                            while (true) {
                                long begin = System.nanoTime();
                                if (begin >= window[1] && sampled.get() >= minSamples) {
                                    return;
                                }
                                queue.enqueue(Messages.request(counter.getAndIncrement()));
                                long end = System.nanoTime();
                                if (begin >= window[0]) {
                                    mine.add(end - begin);
                                    sampled.incrementAndGet();
                                    lastFinish.accumulateAndGet(end, Math::max);
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "bench-producer-" + t);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        window[0] = System.nanoTime() + warmup.toNanos();
        window[1] = window[0] + measure.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("enqueue failed: " + failure.get().getMessage(), failure.get());
        }
        Latencies all = Latencies.merge(perThread);
        double seconds = (lastFinish.get() - window[0]) / 1e9;
        return new Result(
                producers, rows, all.size() / seconds, all.percentileMs(50), all.percentileMs(99), all.size());
    }
}
