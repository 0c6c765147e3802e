package dev.switchboard.bot.outbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Agents' answers for the bridges, from whichever {@link OutboxWatcher} runs now: the watcher is a service that
 * may be restarted, the bridges' subscriptions stay. It subscribes to the watcher only while someone listens, so
 * answers still wait in the outbox while no chat bridge runs.
 */
public final class AnswerRelay implements AgentAnswers {
    private final List<Consumer<AgentAnswer>> listeners = new CopyOnWriteArrayList<>();
    private OutboxWatcher source;
    private AutoCloseable sourceSubscription;

    /** The watcher that runs now (after a start or restart). */
    public synchronized void attach(OutboxWatcher watcher) {
        detach();
        source = watcher;
        if (!listeners.isEmpty()) {
            sourceSubscription = watcher.subscribe(this::dispatch);
        }
    }

    /** The watcher stopped. */
    public synchronized void detach() {
        closeSubscription();
        source = null;
    }

    @Override
    public synchronized AutoCloseable subscribe(Consumer<AgentAnswer> listener) {
        listeners.add(listener);
        if (source != null && sourceSubscription == null) {
            sourceSubscription = source.subscribe(this::dispatch);
        }
        return () -> {
            synchronized (AnswerRelay.this) {
                listeners.remove(listener);
                if (listeners.isEmpty()) {
                    closeSubscription();
                }
            }
        };
    }

    private void dispatch(AgentAnswer answer) {
        for (Consumer<AgentAnswer> l : listeners) {
            l.accept(answer);
        }
    }

    private void closeSubscription() {
        if (sourceSubscription != null) {
            try {
                sourceSubscription.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot unsubscribe from the outbox watcher", e);
            }
            sourceSubscription = null;
        }
    }
}
