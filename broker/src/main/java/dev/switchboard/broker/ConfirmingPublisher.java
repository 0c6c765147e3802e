package dev.switchboard.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Publishes persistent messages and returns only once the broker confirmed it has them (publisher confirms):
 * a publish that returns normally is on the broker's disk; one that throws may or may not be, and the caller
 * sends it again (receivers are idempotent by message id). One channel, used by one thread at a time.
 */
final class ConfirmingPublisher implements AutoCloseable {
    private static final long CONFIRM_TIMEOUT_MS = 10_000;
    private final Connection connection;
    private Channel channel;

    ConfirmingPublisher(Connection connection) {
        this.connection = connection;
    }

    /** One message to publish. */
    record Outgoing(String routingKey, String messageId, byte[] body) {
    }

    synchronized void publish(String exchange, String routingKey, String messageId, byte[] body) throws IOException {
        publishAll(exchange, java.util.List.of(new Outgoing(routingKey, messageId, body)));
    }

    /**
     * Publishes them all, then waits once for the broker to confirm every one (one disk write on the broker for
     * the lot instead of one each). Throws if any was not confirmed: the caller sends them all again.
     */
    synchronized void publishAll(String exchange, java.util.List<Outgoing> messages) throws IOException {
        try {
            Channel ch = channel();
            for (Outgoing m : messages) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .contentType("application/json").messageId(m.messageId()).build();
                ch.basicPublish(exchange, m.routingKey(), true, props, m.body());
            }
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropChannel();
            throw new IOException("interrupted while waiting for the broker's confirm", e);
        } catch (TimeoutException | IOException | com.rabbitmq.client.ShutdownSignalException e) {
            // A nack or a closed channel: the channel is unusable afterwards.
            dropChannel();
            throw e instanceof IOException io ? io : new IOException("broker did not confirm: "
                    + BrokerConnections.rootMessage(e), e);
        }
    }

    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = connection.createChannel();
            channel.confirmSelect();
        }
        return channel;
    }

    private void dropChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.abort();
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(ConfirmingPublisher.class).debug("aborting a broken channel", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        dropChannel();
    }
}
