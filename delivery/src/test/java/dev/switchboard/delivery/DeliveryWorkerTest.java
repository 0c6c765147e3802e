package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryWorkerTest {
    @TempDir
    Path tmp;

    @Test
    void deliversInOrderAndEveryDeliveryIsRecordedBeforeTheQueueCloses() throws Exception {
        Path inbox = tmp.resolve("Agent-1").resolve("inbox");
        AgentRegistry agents =
                new AgentRegistry(List.of(AgentConfig.inboxOnly("Agent-1").withInbox(inbox)));
        FallbackChain chain = new FallbackChain(
                List.of(new InboxDeliverer(AgentConfig::inbox)), 3, Duration.ofSeconds(30), Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(tmp.resolve("data"), 3, new Backoff(100, 1_000))) {
            // GIVEN 30 queued messages for one agent
            for (int i = 0; i < 30; i++) {
                ids.add(queue.enqueue(UnifiedMessage.text(
                                Sender.system("test"), "Agent-1", "message " + i, Priority.NORMAL, null))
                        .id());
            }
            // WHEN its worker runs until every file is written, then stops at once
            DeliveryWorker worker =
                    new DeliveryWorker("Agent-1", "test", queue, agents, chain, Duration.ofSeconds(30), 20).start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (inboxFiles(inbox).size() < 30 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            worker.close();
        }
        // THEN after a clean stop every delivery is recorded (none left DELIVERING), in the order queued
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(tmp.resolve("data"), 3, new Backoff(100, 1_000))) {
            assertEquals(30, queue.stats().count(MessageState.DELIVERED));
            List<String> names = inboxFiles(inbox);
            for (int i = 0; i < 30; i++) {
                assertTrue(names.get(i).contains(ids.get(i)), names.get(i) + " should be message " + i);
                List<MessageState> states =
                        queue.history(ids.get(i)).stream().map(t -> t.to()).toList();
                assertEquals(List.of(MessageState.QUEUED, MessageState.DELIVERING, MessageState.DELIVERED), states);
            }
        }
    }

    private static List<String> inboxFiles(Path inbox) throws java.io.IOException {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }
}
