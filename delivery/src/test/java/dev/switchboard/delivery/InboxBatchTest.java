package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inbox files written many at a time: all in place in order, or none; and a worker draining a backlog. */
class InboxBatchTest {
    @TempDir
    Path tmp;

    private final ExecutorService io = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeAllPutsEveryFileInPlaceAndLeavesNoTempFiles() throws Exception {
        LinkedHashMap<Path, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            files.put(
                    tmp.resolve("inbox").resolve("m" + (100 + i) + ".md"),
                    ("body " + i).getBytes(StandardCharsets.UTF_8));
        }
        AtomicFiles.writeAll(files, io);
        List<String> names = names(tmp.resolve("inbox"));
        assertEquals(20, names.size(), names.toString());
        assertEquals("body 7", Files.readString(tmp.resolve("inbox").resolve("m107.md")));
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
    }

    @Test
    void whenOneFileOfABatchCannotBeWrittenNoneIsRenamedIntoPlace() throws Exception {
        Files.createDirectories(tmp.resolve("inbox"));
        Files.writeString(tmp.resolve("blocked"), "a file where a folder should be");
        LinkedHashMap<Path, byte[]> files = new LinkedHashMap<>();
        files.put(tmp.resolve("inbox").resolve("a.md"), new byte[] {1});
        files.put(tmp.resolve("blocked").resolve("b.md"), new byte[] {2});
        files.put(tmp.resolve("inbox").resolve("c.md"), new byte[] {3});

        assertThrows(IOException.class, () -> AtomicFiles.writeAll(files, io));

        assertEquals(List.of(), names(tmp.resolve("inbox")), "no file and no temp file left");
    }

    @Test
    void aBacklogForAnInboxAgentIsDeliveredOnceEachInOrder() throws Exception {
        Path inbox = tmp.resolve("Agent-1").resolve("inbox");
        AgentConfig agent = AgentConfig.inboxOnly("Agent-1").withInbox(inbox);
        FallbackChain chain = new FallbackChain(
                List.of(new InboxDeliverer(AgentConfig::inbox)), 3, Duration.ofSeconds(30), Clock.systemUTC());
        assertEquals(32, chain.batchSize(agent, 32));
        List<String> ids = new ArrayList<>();
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(tmp.resolve("data"), 3, new Backoff(100, 1_000))) {
            for (int i = 0; i < 100; i++) {
                UnifiedMessage m = Fixtures.message("Agent-1", "message " + i);
                ids.add(queue.enqueue(m).id());
            }
            DeliveryWorker worker = new DeliveryWorker(
                    "Agent-1", "test", queue, new AgentRegistry(List.of(agent)), chain, Duration.ofSeconds(30), 20);
            int rounds = 0;
            while (worker.deliverOne()) {
                rounds++;
            }
            assertTrue(rounds <= 4, "100 messages in batches of at most 32, got " + rounds + " rounds");
            worker.close();
        }
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(tmp.resolve("data"), 3, new Backoff(100, 1_000))) {
            assertEquals(100, queue.stats().count(MessageState.DELIVERED));
            List<String> files =
                    names(inbox).stream().filter(n -> n.endsWith(".md")).toList();
            assertEquals(100, files.size());
            for (int i = 0; i < 100; i++) {
                assertTrue(files.get(i).contains(ids.get(i)), files.get(i) + " should be message " + i);
            }
            assertFalse(names(inbox).stream().anyMatch(n -> n.endsWith(".tmp")));
        }
    }
}
