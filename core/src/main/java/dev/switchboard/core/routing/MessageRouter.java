package dev.switchboard.core.routing;

import dev.switchboard.core.logging.MessageMdc;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.QueueWaits;
import dev.switchboard.core.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path into the queue: middleware in order, then the highest-priority handler that takes the
 * message, then a durable enqueue of what it produced. Returns only after everything is committed.
 */
public final class MessageRouter {
    private static final Logger AUDIT = LoggerFactory.getLogger("switchboard.audit");

    private final MessageQueue queue;
    private final List<Middleware> middleware;
    private final List<MessageHandler> handlers;

    public MessageRouter(MessageQueue queue, List<Middleware> middleware, List<MessageHandler> handlers) {
        this.queue = queue;
        this.middleware = List.copyOf(middleware);
        List<MessageHandler> sorted = new ArrayList<>(handlers);
        sorted.sort(Comparator.comparingInt(MessageHandler::priority).reversed());
        this.handlers = List.copyOf(sorted);
    }

    /**
     * @return the queued per-agent messages (one, or one per agent for a broadcast)
     * @throws RejectedException when a middleware or handler refuses; nothing is queued then
     */
    public List<QueuedMessage> submit(UnifiedMessage message) {
        try (MessageMdc ignored = MessageMdc.of(message)) {
            List<UnifiedMessage> perAgent = expand(message);
            List<CompletableFuture<QueuedMessage>> futures =
                    perAgent.stream().map(queue::enqueueAsync).toList();
            List<QueuedMessage> queued = new ArrayList<>();
            QueueException failed = null;
            for (CompletableFuture<QueuedMessage> f : futures) {
                try {
                    queued.add(QueueWaits.await(f));
                } catch (QueueException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw partly(queued, perAgent.size(), failed);
            }
            AUDIT.info(
                    "accepted {} from {} to {}: {} message(s), {} chars",
                    message.type(),
                    message.sender().describe(),
                    describe(message),
                    queued.size(),
                    message.body().length());
            return queued;
        } catch (RejectedException e) {
            AUDIT.info(
                    "rejected {} from {} to {}: {}",
                    message.type(),
                    message.sender().describe(),
                    describe(message),
                    e.getMessage());
            throw e;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Runs the middleware and the handler without queueing: the per-agent messages a submit would queue. For
     * what is stored to be queued later (a recurring schedule), so it is checked once, when it is set.
     *
     * @throws RejectedException when a middleware or handler refuses
     */
    public List<UnifiedMessage> check(UnifiedMessage message) {
        try {
            List<UnifiedMessage> perAgent = expand(message);
            AUDIT.info(
                    "accepted {} from {} to {} for later: {} message(s), {} chars",
                    message.type(),
                    message.sender().describe(),
                    describe(message),
                    perAgent.size(),
                    message.body().length());
            return perAgent;
        } catch (RejectedException e) {
            AUDIT.info(
                    "rejected {} from {} to {}: {}",
                    message.type(),
                    message.sender().describe(),
                    describe(message),
                    e.getMessage());
            throw e;
        }
    }

    private List<UnifiedMessage> expand(UnifiedMessage message) {
        for (Middleware m : middleware) {
            m.check(message);
        }
        MessageHandler handler = handlers.stream()
                .filter(h -> h.handles(message))
                .findFirst()
                .orElseThrow(() -> new RejectedException(
                        RejectedException.Reason.NO_RECIPIENTS,
                        "nothing handles " + message.type() + " messages to "
                                + message.recipient().kind()));
        List<UnifiedMessage> perAgent = handler.expand(message);
        if (perAgent.isEmpty()) {
            throw new RejectedException(RejectedException.Reason.NO_RECIPIENTS, "no agent to deliver to");
        }
        return perAgent;
    }

    /**
     * A broadcast whose copies were stored in part: an error that said only "failed" would make the user send
     * the stored copies again, so it names them.
     */
    private static QueueException partly(List<QueuedMessage> stored, int total, QueueException e) {
        if (stored.isEmpty() || total == 1) {
            return e;
        }
        String ids = stored.stream()
                .map(q -> q.agent() + " #" + q.id().substring(q.id().length() - 4))
                .collect(java.util.stream.Collectors.joining(", "));
        return new QueueException(
                e.getMessage() + " (" + stored.size() + " of " + total + " copies were stored: " + ids + ")", e);
    }

    private static String describe(UnifiedMessage m) {
        return m.recipient().kind() == dev.switchboard.core.message.Recipient.Kind.BROADCAST
                ? "everyone"
                : m.recipient().name();
    }
}
