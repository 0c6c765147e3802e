package dev.switchboard.commands.answers;

import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.AnswerStore;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.loop.WakeSignal;
import dev.switchboard.core.queue.QueueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored answers to the front-end of their destination, oldest first, and marks each posted once the
 * platform took it. An answer whose front-end is not up waits in the database (also across restarts); one a
 * platform refused is tried again after {@code retryAfter}. Answers for the status channel go to every status
 * sink (Discord's channel, the console), each once, and count as posted when all have them; one for a question
 * asked in Discord goes to Discord only.
 * It polls (answers stored by another process, e.g. {@code switchboard reply}) and is woken by local stores.
 */
public final class AnswerRouter implements AnswerBoard, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerRouter.class);
    private static final int PAGE = 100;

    private record Registration(Destination destination, AnswerSink sink) {}

    private final AnswerStore store;
    private final Clock clock;
    private final Duration retryAfter;
    private final List<Registration> sinks = new CopyOnWriteArrayList<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    /** Sinks that already showed an answer not yet marked posted (a status answer waiting for another sink). */
    private final Map<String, Set<String>> postedTo = new ConcurrentHashMap<>();

    private final WakeSignal wake = new WakeSignal();
    private final long pollMillis;
    private final BackgroundLoop loop;
    /** Whether the store's outage was reported (only the loop's thread reads and writes it). */
    private boolean warned;

    public AnswerRouter(AnswerStore store, long pollMillis, Duration retryAfter, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.pollMillis = pollMillis;
        // Another failure (a bug in a sink's bookkeeping, say) is logged once by the loop and retried with back-off.
        this.loop = BackgroundLoop.named("answer-router")
                .log(LOG)
                .backoff(Duration.ofMillis(Math.max(1, pollMillis)), Duration.ofMillis(Math.max(pollMillis, 10_000)))
                .unblockWith(wake::close)
                .start(this::pass);
    }

    /** Whether its thread still routes (false once closed, or if it ended some other way). */
    public boolean isAlive() {
        return loop.alive();
    }

    @Override
    public AutoCloseable register(Destination destination, AnswerSink sink) {
        Registration r = new Registration(destination, sink);
        sinks.add(r);
        wakeUp();
        return () -> sinks.remove(r);
    }

    /** Something was stored: look now rather than at the next poll. */
    public void wakeUp() {
        wake.wake();
    }

    /** Routes, then waits for a store, a new sink, a close or the next poll; an outage is said once. */
    private void pass() throws InterruptedException {
        try {
            routeOnce();
            warned = false;
        } catch (QueueException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot read waiting answers (trying again): {}", e.getMessage());
            }
        }
        wake.await(pollMillis);
    }

    /** One pass: every waiting answer whose destination has a sink is handed on. @return how many were handed on */
    int routeOnce() {
        Set<Destination> up = ConcurrentHashMap.newKeySet();
        sinks.forEach(r -> up.add(r.destination()));
        int n = 0;
        Instant now = clock.instant();
        for (Answer a : store.waiting(up, PAGE)) {
            Instant wait = notBefore.get(a.id());
            if (inFlight.contains(a.id()) || (wait != null && now.isBefore(wait))) {
                continue;
            }
            Set<String> done = postedTo.getOrDefault(a.id(), Set.of());
            List<AnswerSink> targets = new ArrayList<>();
            for (Registration r : sinks) {
                if (r.destination() == a.destination()) {
                    if (!done.contains(r.sink().name())) {
                        targets.add(r.sink());
                    }
                    if (a.destination() != Destination.STATUS) {
                        break; // a question is answered in one place
                    }
                }
            }
            if (!targets.isEmpty()) {
                post(a, targets);
                n++;
            }
        }
        return n;
    }

    /**
     * Hands the answer to each target. A status answer is marked posted once every status sink has it: the
     * console showing it must not keep it from Discord's channel while Discord is down.
     */
    private void post(Answer a, List<AnswerSink> targets) {
        inFlight.add(a.id());
        AtomicInteger left = new AtomicInteger(targets.size());
        AtomicInteger failed = new AtomicInteger();
        for (AnswerSink sink : targets) {
            CompletableFuture<Void> f;
            try {
                f = sink.post(a);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((ok, error) -> {
                if (error == null) {
                    postedTo.computeIfAbsent(a.id(), id -> ConcurrentHashMap.newKeySet())
                            .add(sink.name());
                } else {
                    failed.incrementAndGet();
                    LOG.warn(
                            "{} could not post answer {} of {} (trying again): {}",
                            sink.name(),
                            a.id(),
                            a.agent(),
                            error.toString());
                }
                if (left.decrementAndGet() == 0) {
                    finish(a, failed.get() == 0);
                }
            });
        }
    }

    private void finish(Answer a, boolean everyTargetTookIt) {
        try {
            if (everyTargetTookIt) {
                store.markPosted(
                        a.id(), String.join(",", new java.util.TreeSet<>(postedTo.remove(a.id()))), clock.instant());
                notBefore.remove(a.id());
            } else {
                notBefore.put(a.id(), clock.instant().plus(retryAfter));
            }
        } catch (QueueException e) {
            // not marked: it may be posted once more after a restart, which beats losing it
            LOG.warn("answer {} was posted but could not be marked: {}", a.id(), e.getMessage());
        } finally {
            inFlight.remove(a.id());
        }
    }

    @Override
    public void close() {
        loop.close(); // closes the wake signal first: close() need not wait out the poll
    }
}
