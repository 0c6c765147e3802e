package dev.switchboard.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.QueuedMessage;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what nodes report as transitions in the hub's queue, so status, history and chat see a node's delivery
 * exactly like a local one. An event is acknowledged to the broker only after its transition is committed; one
 * that arrives twice (a node resending after a crash) finds the message already moved on and changes nothing.
 */
final class HubEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubEvents.class);
    private final MessageQueue queue;
    private final NodePresence presence;
    private final Channel channel;

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
        try {
            apply(event);
            channel.basicAck(tag, false);
        } catch (QueueException e) {
            // Not recorded: the broker gives it to us again.
            LOG.warn("hub: cannot record {} of {} yet: {}", event.type(), event.messageId(), e.getMessage());
            channel.basicNack(tag, false, true);
        }
    }

    void apply(BrokerEvent e) {
        presence.heard(e.node());
        if (e.type() == BrokerEvent.Type.HEARTBEAT) {
            return;
        }
        Optional<QueuedMessage> found = queue.find(e.messageId());
        if (found.isEmpty()) {
            LOG.warn("hub: node {} reported {} for unknown message {}", e.node(), e.type(), e.messageId());
            return;
        }
        MessageState state = found.get().state();
        String id = found.get().id();
        try {
            switch (e.type()) {
                case DELIVERING -> LOG.debug("node {} is delivering {}", e.node(), id);
                case DELIVERED -> {
                    if (state == MessageState.DELIVERING) {
                        queue.markDelivered(id, e.method(), e.verified(), withNode(e));
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
                default -> { }
            }
        } catch (IllegalStateException ex) {
            // Another report moved it first (a resent event, a cancel at the hub): nothing to do.
            LOG.debug("hub: {} of {} no longer applies: {}", e.type(), id, ex.getMessage());
        }
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
    }
}
