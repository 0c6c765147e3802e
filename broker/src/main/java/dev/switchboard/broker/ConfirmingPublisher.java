package dev.switchboard.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes persistent messages with publisher confirms on one channel, which any number of threads share. Each
 * publish gets a future that completes when the broker confirmed that message (it is on the broker's disk) and
 * fails if the broker refused it or the channel broke before the confirm; then the caller sends it again
 * (receivers are idempotent by message id). The channel is held only while a message is handed to it, never
 * while a confirm is awaited: threads that publish at the same time share the broker's confirm (its one disk
 * write) instead of waiting for each other's in turn.
 */
final class ConfirmingPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmingPublisher.class);
    private static final long CONFIRM_TIMEOUT_MS = 10_000;
    private final Connection connection;
    private Link link;

    ConfirmingPublisher(Connection connection) {
        this.connection = connection;
    }

    /** One message to publish. */
    record Outgoing(String routingKey, String messageId, byte[] body) {}

    /**
     * Hands the message to the broker without waiting. @return completes when the broker confirmed it; fails
     * (with an IOException) if it did not
     */
    synchronized CompletableFuture<Void> send(String exchange, String routingKey, String messageId, byte[] body) {
        Link l = null;
        try {
            l = link();
            return l.publish(exchange, routingKey, messageId, body);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            drop(l, e);
            return CompletableFuture.failedFuture(
                    e instanceof IOException io
                            ? io
                            : new IOException("broker channel closed: " + BrokerConnections.rootMessage(e), e));
        }
    }

    /** Publishes and returns once the broker confirmed it; throws if it did not (the caller sends it again). */
    void publish(String exchange, String routingKey, String messageId, byte[] body) throws IOException {
        await(List.of(send(exchange, routingKey, messageId, body)));
    }

    /**
     * Publishes them all, then waits for the broker to confirm every one (one disk write on the broker for the lot
     * instead of one each). Throws if any was not confirmed: the caller sends them all again.
     */
    void publishAll(String exchange, List<Outgoing> messages) throws IOException {
        List<CompletableFuture<Void>> confirms = new ArrayList<>(messages.size());
        synchronized (this) {
            for (Outgoing m : messages) {
                confirms.add(send(exchange, m.routingKey(), m.messageId(), m.body()));
            }
        }
        await(confirms);
    }

    /** Waits for confirms; a broker that answers none in time gets the channel closed, failing what is pending. */
    void await(List<CompletableFuture<Void>> confirms) throws IOException {
        try {
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                    .get(CONFIRM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker's confirm", e);
        } catch (TimeoutException e) {
            dropCurrent(new IOException("broker did not confirm within " + CONFIRM_TIMEOUT_MS + " ms"));
            throw new IOException("broker did not confirm within " + CONFIRM_TIMEOUT_MS + " ms", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io
                    ? io
                    : new IOException("broker did not confirm: " + BrokerConnections.rootMessage(c), c);
        }
    }

    private synchronized Link link() throws IOException {
        if (link == null || link.broken || !link.channel.isOpen()) {
            if (link != null) {
                drop(link, new IOException("broker channel closed"));
            }
            Channel ch = connection.createChannel();
            try {
                link = new Link(ch);
            } catch (IOException | RuntimeException e) {
                try {
                    ch.abort(); // not left open and unused
                } catch (IOException | RuntimeException abortFailure) {
                    e.addSuppressed(abortFailure);
                }
                throw e;
            }
        }
        return link;
    }

    private synchronized void dropCurrent(IOException why) {
        drop(link, why);
    }

    /** The channel is not used again after a timeout or a failed publish: what it still owes fails. */
    private synchronized void drop(Link l, Throwable why) {
        if (l == null) {
            return;
        }
        if (l == link) {
            link = null;
        }
        l.abort(why);
    }

    @Override
    public synchronized void close() {
        drop(link, new IOException("publisher closed"));
    }

    /**
     * One confirm-mode channel and the futures of the messages it has not had confirmed yet, by publish sequence
     * number. Confirms (and the channel's end) arrive on the connection's thread.
     */
    private static final class Link implements ConfirmListener {
        final Channel channel;
        final ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();
        /**
         * Set when the channel went down, before what it owed is failed. The client may bring the channel back
         * after a reconnect, numbering its confirms afresh: this link is never used again then.
         */
        volatile boolean broken;

        Link(Channel channel) throws IOException {
            this.channel = channel;
            channel.confirmSelect();
            channel.addConfirmListener(this);
            // Lost connection, closed by the broker: whatever was not confirmed may or may not be there.
            channel.addShutdownListener(cause -> {
                broken = true;
                failAll(new IOException("broker channel closed: " + BrokerConnections.rootMessage(cause), cause));
            });
        }

        CompletableFuture<Void> publish(String exchange, String routingKey, String messageId, byte[] body)
                throws IOException {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            long seq = channel.getNextPublishSeqNo();
            unconfirmed.put(seq, confirmed);
            if (broken) {
                // Gone down meanwhile, maybe after failAll() looked: fail this one here rather than publish it
                // into a channel whose confirms would be numbered afresh.
                unconfirmed.remove(seq);
                throw new IOException("broker channel closed");
            }
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2)
                    .contentType("application/json")
                    .messageId(messageId)
                    .build();
            channel.basicPublish(exchange, routingKey, true, props, body);
            return confirmed;
        }

        @Override
        public void handleAck(long seq, boolean multiple) {
            settle(seq, multiple, null);
        }

        @Override
        public void handleNack(long seq, boolean multiple) {
            settle(seq, multiple, new IOException("the broker refused the message (nack)"));
        }

        private void settle(long seq, boolean multiple, IOException failure) {
            Map<Long, CompletableFuture<Void>> done = multiple ? unconfirmed.headMap(seq, true) : null;
            List<CompletableFuture<Void>> settled = new ArrayList<>();
            if (done != null) {
                settled.addAll(done.values());
                done.clear();
            } else {
                CompletableFuture<Void> one = unconfirmed.remove(seq);
                if (one != null) {
                    settled.add(one);
                }
            }
            for (CompletableFuture<Void> f : settled) {
                if (failure == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            }
        }

        void failAll(IOException why) {
            for (Map.Entry<Long, CompletableFuture<Void>> e; (e = unconfirmed.pollFirstEntry()) != null; ) {
                e.getValue().completeExceptionally(why);
            }
        }

        void abort(Throwable why) {
            broken = true;
            failAll(why instanceof IOException io ? io : new IOException(BrokerConnections.rootMessage(why), why));
            try {
                // Also takes an auto-recovering channel out of recovery: a new one is made on the next publish.
                channel.abort();
            } catch (IOException | RuntimeException e) {
                LOG.debug("aborting a broken channel", e);
            }
        }
    }
}
