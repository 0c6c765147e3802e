package dev.switchboard.bot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class OutboxWatcherTest {
    @TempDir
    Path dir;

    private OutboxWatcher watcher(long scanMillis) {
        return new OutboxWatcher(() -> List.of(AgentConfig.inboxOnly("Agent-1"), AgentConfig.inboxOnly("Agent-2")),
                a -> dir.resolve(a.id()).resolve("outbox"), scanMillis, Duration.ofMillis(300), Clock.systemUTC());
    }

    private Path write(String agent, String name, String content, Instant modified) throws Exception {
        Path outbox = Files.createDirectories(dir.resolve(agent).resolve("outbox"));
        Path f = Files.writeString(outbox.resolve(name), content);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void settledAnswersAreHandedOnOnceWithoutFrontMatterAndMovedToSent() throws Exception {
        Instant old = Instant.now().minusSeconds(5);
        write("Agent-2", "20261123T1000_b.md", "---\nto: alice\n---\nTests pass.\n```\nok 42\n```\n", old);
        write("Agent-2", "20261123T0900_a.md", "First answer", old);
        Path fresh = write("Agent-1", "20261123T1100_c.md", "still writing…", Instant.now().plusSeconds(60));
        write("Agent-1", "notes.txt", "not an answer", old);
        List<AgentAnswer> got = new CopyOnWriteArrayList<>();
        try (OutboxWatcher w = watcher(60_000)) {
            w.subscribe(got::add);

            // The watcher's own thread may have scanned first (it starts at once): count what was handed on.
            w.scanOnce();
            assertEquals(0, w.scanOnce(), "each answer once");
        }

        assertEquals(List.of("Agent-2|20261123T0900_a.md|First answer",
                        "Agent-2|20261123T1000_b.md|Tests pass.\n```\nok 42\n```\n"),
                got.stream().map(a -> a.agent() + "|" + a.fileName() + "|" + a.text()).toList());
        assertTrue(Files.exists(dir.resolve("Agent-2/outbox/sent/20261123T0900_a.md")));
        assertTrue(Files.exists(fresh), "a file still being written waits");
        assertTrue(Files.exists(dir.resolve("Agent-1/outbox/notes.txt")));
    }

    @Test
    void nothingIsTakenWhileNobodyListensAndTheThreadPicksUpOnceSomeoneDoes() throws Exception {
        write("Agent-1", "a.md", "hello", Instant.now().minusSeconds(5));
        List<AgentAnswer> got = new CopyOnWriteArrayList<>();
        try (OutboxWatcher w = watcher(20)) {
            Thread.sleep(200);
            assertTrue(Files.exists(dir.resolve("Agent-1/outbox/a.md")), "kept for a later listener");

            AutoCloseable sub = w.subscribe(got::add);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            sub.close();
        }
        assertEquals(1, got.size());
        assertFalse(Files.exists(dir.resolve("Agent-1/outbox/a.md")));
    }
}
