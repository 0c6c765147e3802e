package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Connection;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's event consumer on the real broker and a real queue: reports recorded in the order they were sent. */
class HubEventsTest {
    private static final Sender ALICE = new Sender(Platform.CONSOLE, "local", "alice", Role.ADMIN);

    @TempDir
    Path dir;

    @Test
    void aReportRightBehindTheDeliveredOfItsMessageSeesItDeliveredAndADuplicateChangesNothing() throws Exception {
        try (LocalBroker broker = new LocalBroker();
                SqliteMessageQueue queue = SqliteMessageQueue.open(dir, 5, new Backoff(50, 500));
                Connection connection =
                        new BrokerConnections(new BrokerConfig(broker.url(), 1, 4), Optional.empty()).open("test")) {
            // GIVEN 200 messages the relay has taken (DELIVERING at the hub)
            int n = 200;
            for (int i = 0; i < n; i++) {
                queue.enqueue(UnifiedMessage.text(ALICE, "A1", "job " + i, Priority.NORMAL, null));
            }
            List<QueuedMessage> taken = queue.claimBatch("A1", "hub-1/relay/A1", Duration.ofDays(1), n);
            assertEquals(n, taken.size());
            NodePresence presence = new NodePresence(Set.of("desk-1"), Duration.ofSeconds(10), Clock.systemUTC());
            HubEvents events = new HubEvents(connection, queue, presence);
            // WHEN the node reports each one delivered (twice, as a node does after a crash) and read at once after
            ConfirmingPublisher node = new ConfirmingPublisher(connection);
            List<ConfirmingPublisher.Outgoing> reports = new ArrayList<>();
            for (QueuedMessage qm : taken) {
                for (BrokerEvent e : List.of(
                        BrokerEvent.delivered("desk-1", qm.id(), "inbox", true, null),
                        BrokerEvent.delivered("desk-1", qm.id(), "inbox", true, null),
                        BrokerEvent.of(BrokerEvent.Type.READ, "desk-1", qm.id(), "moved to processed/"))) {
                    reports.add(new ConfirmingPublisher.Outgoing(Topology.EVENTS_KEY, qm.id(), e.encode()));
                }
            }
            node.publishAll(Topology.EVENTS, reports);
            // THEN every READ found its message delivered: none is dropped as "not delivered yet"
            Await.until(
                    Duration.ofSeconds(60),
                    () -> taken.stream()
                            .allMatch(qm -> queue.find(qm.id()).orElseThrow().state() == MessageState.READ),
                    () -> taken.stream()
                                    .filter(qm ->
                                            queue.find(qm.id()).orElseThrow().state() != MessageState.READ)
                                    .count()
                            + " not read");
            // AND each went DELIVERING → DELIVERED → READ once, the second report changing nothing
            for (QueuedMessage qm : taken) {
                List<MessageState> steps =
                        queue.history(qm.id()).stream().map(t -> t.to()).toList();
                assertEquals(
                        List.of(
                                MessageState.QUEUED,
                                MessageState.DELIVERING,
                                MessageState.DELIVERED,
                                MessageState.READ),
                        steps,
                        qm.id());
            }
            // AND every report was acknowledged
            Await.until(
                    Duration.ofSeconds(30),
                    () -> broker.queueCounts(Topology.HUB_EVENTS_QUEUE).equals("0 0"),
                    () -> "ready, unacknowledged: " + broker.queueCounts(Topology.HUB_EVENTS_QUEUE));
            events.close();
            node.close();
        }
    }
}
