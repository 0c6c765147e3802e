package dev.switchboard.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what nodes report as transitions in the hub's queue, so status, history and chat see a node's delivery
 * exactly like a local one. An event is acknowledged to the broker only after its transition is committed; one
 * that arrives twice (a node resending after a crash) finds the message already moved on and changes nothing.
 *
 * <p>Events are taken in the order they arrive. "Delivered" (one for every job) is handed to the queue without
 * waiting for its commit, so the reports of all agents and nodes that arrive together share one commit; its
 * acknowledgement waits for that commit. Every other report (read, failed, deferred) first waits until the
 * transitions handed over before it are committed, then looks at the message's state, as if one at a time.
 */
final class HubEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubEvents.class);
    private final MessageQueue queue;
    private final NodePresence presence;
    private final Channel channel;
    /** Acknowledgements leave from here, not from the queue's writer thread, which must not wait on the network. */
    private final ExecutorService acks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hub-event-acks");
        t.setDaemon(true);
        return t;
    });
    /** The last transition handed to the queue; events are handled one at a time, though not always on one thread. */
    private volatile CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

    public HubEvents(Connection connection, MessageQueue queue, NodePresence presence) throws IOException {
        this.queue = queue;
        this.presence = presence;
        this.channel = connection.createChannel();
        Topology.declareCommon(channel);
        channel.basicQos(64);
        channel.basicConsume(Topology.HUB_EVENTS_QUEUE, false, "switchboard-hub", new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                handle(env.getDeliveryTag(), body);
            }
        });
    }

    private void handle(long tag, byte[] body) throws IOException {
        BrokerEvent event;
        try {
            event = BrokerEvent.decode(body);
        } catch (IllegalArgumentException e) {
            LOG.warn("hub: dropping an unreadable event: {}", e.getMessage());
            channel.basicReject(tag, false);
            return;
        }
        CompletableFuture<?> applied;
        try {
            applied = apply(event);
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        applied.whenCompleteAsync((ok, error) -> settle(tag, event, error), acks);
    }

    /** Acknowledges an event whose transition is committed (or no longer applies); hands back one that failed. */
    private void settle(long tag, BrokerEvent event, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        try {
            if (cause == null) {
                channel.basicAck(tag, false);
            } else if (cause instanceof IllegalStateException) {
                // Another report moved it first (a resent event, a cancel at the hub): nothing to do.
                LOG.debug("hub: {} of {} no longer applies: {}", event.type(), event.messageId(), cause.getMessage());
                channel.basicAck(tag, false);
            } else {
                // Not recorded: the broker gives it to us again.
                LOG.warn("hub: cannot record {} of {} yet: {}", event.type(), event.messageId(), cause.getMessage());
                channel.basicNack(tag, false, true);
            }
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            // Not acknowledged: the broker gives it again (to the next hub), and it changes nothing twice.
            LOG.debug("hub: cannot settle {} of {}: {}", event.type(), event.messageId(), e.getMessage());
        }
    }

    /** @return completes when the event's transition is committed, or at once when it has none */
    CompletableFuture<?> apply(BrokerEvent e) {
        presence.heard(e.node());
        if (e.type() == BrokerEvent.Type.HEARTBEAT) {
            return CompletableFuture.completedFuture(null);
        }
        if (e.type() == BrokerEvent.Type.DELIVERING) {
            // Sent by nodes of earlier versions when they started on a job; the message is DELIVERING already.
            LOG.debug("node {} is delivering {}", e.node(), e.messageId());
            return CompletableFuture.completedFuture(null);
        }
        if (e.type() != BrokerEvent.Type.DELIVERED) {
            awaitEarlierWrites();
        }
        Optional<QueuedMessage> found = queue.find(e.messageId());
        if (found.isEmpty()) {
            LOG.warn("hub: node {} reported {} for unknown message {}", e.node(), e.type(), e.messageId());
            return CompletableFuture.completedFuture(null);
        }
        MessageState state = found.get().state();
        String id = found.get().id();
        switch (e.type()) {
            case DELIVERED -> {
                // A DELIVERED handed over just before for the same message may not be committed yet: then this
                // one is refused by the queue itself (the message is no longer DELIVERING) and settles as moot.
                if (state == MessageState.DELIVERING) {
                    CompletableFuture<Void> write = queue.markDeliveredAsync(id, e.method(), e.verified(), withNode(e));
                    lastWrite = write;
                    return write;
                }
            }
            case FAILED -> {
                if (state == MessageState.DELIVERING) {
                    queue.markFailed(id, e.detail() + " (node " + e.node() + ")", e.permanent());
                }
            }
            case DEFERRED -> {
                if (state == MessageState.DELIVERING) {
                    queue.postpone(id, e.detail() + " (node " + e.node() + ")", e.until());
                }
            }
            case READ -> {
                if (state == MessageState.DELIVERED) {
                    queue.markRead(id, e.detail() == null ? "read on node " + e.node() : e.detail());
                }
            }
            default -> {}
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Until every transition handed to the queue before is committed (or failed: then it is handed back). */
    private void awaitEarlierWrites() {
        lastWrite.handle((ok, error) -> null).join();
    }

    private static String withNode(BrokerEvent e) {
        String d = e.detail() == null || e.detail().isBlank() ? "" : e.detail() + "; ";
        return d + "node " + e.node();
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            LOG.debug("closing the hub's event channel", e);
        }
        acks.shutdown();
    }
}
