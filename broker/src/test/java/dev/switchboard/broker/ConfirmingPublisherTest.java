package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.switchboard.config.BrokerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Confirms tracked per message on one shared channel, against the real broker. */
class ConfirmingPublisherTest {
    private static final String QUEUE = "switchboard.test.confirms";
    private LocalBroker broker;
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        broker = new LocalBroker();
        connection = new BrokerConnections(new BrokerConfig(broker.url(), 1, 4), Optional.empty()).open("test");
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
        }
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        broker.close();
    }

    private long messagesInQueue() throws Exception {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(QUEUE).getMessageCount();
        }
    }

    @Test
    void threadsPublishingAtOnceAllReturnConfirmedAndEveryMessageIsInTheQueue() throws Exception {
        // GIVEN one publisher shared by eight threads, as a node's agents share it
        ConfirmingPublisher publisher = new ConfirmingPublisher(connection);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        // WHEN each publishes 150 messages, waiting for each confirm
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    publisher.publish("", QUEUE, thread + "-" + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        // THEN every confirmed message is on the broker, none twice
        assertEquals(8 * 150, messagesInQueue());
        publisher.close();
    }

    @Test
    void aChannelTheBrokerClosesFailsWhatItOwesAndTheNextPublishGoesThroughANewOne() throws Exception {
        ConfirmingPublisher publisher = new ConfirmingPublisher(connection);
        publisher.publish("", QUEUE, "before", "before".getBytes(StandardCharsets.UTF_8));
        // GIVEN a publish the broker answers by closing the channel (no such exchange)
        CompletableFuture<Void> refused =
                publisher.send("switchboard.test.missing", "x", "lost", "lost".getBytes(StandardCharsets.UTF_8));
        // THEN its confirm fails (it is not left waiting) with an IOException the caller retries on
        ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(20, TimeUnit.SECONDS));
        assertInstanceOf(java.io.IOException.class, e.getCause());
        // AND the next publish works, on a new channel
        publisher.publish("", QUEUE, "after", "after".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, messagesInQueue());
        publisher.close();
    }

    @Test
    void aBatchReturnsOnlyWhenAllOfItIsConfirmed() throws Exception {
        ConfirmingPublisher publisher = new ConfirmingPublisher(connection);
        List<ConfirmingPublisher.Outgoing> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(new ConfirmingPublisher.Outgoing(QUEUE, "b" + i, ("b" + i).getBytes(StandardCharsets.UTF_8)));
        }
        publisher.publishAll("", batch);
        assertEquals(300, messagesInQueue());
        publisher.close();
    }
}
