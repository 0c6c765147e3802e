package dev.switchboard.bot.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.bot.Main;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, repeatable fuzz of the terminal CLI through Main's picocli entry, in-process: command lines built
 * from the real commands with hostile arguments. Every run must end with an exit code (no exception), a
 * refusal must be one line, an accepted message must be stored exactly once with exactly its text, and
 * nothing may be written outside the test's folder. Set -Dfuzz.seed to replay a failure.
 */
class CliFuzzTest {
    private static final int INPUTS = 10_000;
    private static final Pattern QUEUED = Pattern.compile("\\(id ([0-9a-f-]{36})\\)");

    /** Fixed by default so the suite is repeatable; any other seed with -Dfuzz.seed. */
    private static final long SEED = Long.getLong("fuzz.seed", 14L);

    /** Every failure names the seed that repeats it. */
    @RegisterExtension
    final TestExecutionExceptionHandler nameTheSeed = (context, thrown) -> {
        throw new AssertionError("seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "): " + thrown, thrown);
    };

    @TempDir
    Path tempDir;

    private Path dir;

    /**
     * The data on a RAM file system when there is one (/dev/shm): ten thousand CLI runs each commit and close
     * the database, and the fsyncs of a shared disk would make this suite take minutes. Removed afterwards.
     */
    @org.junit.jupiter.api.BeforeEach
    void workspace() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "cli-fuzz") : tempDir;
    }

    @org.junit.jupiter.api.AfterEach
    void removeWorkspace() throws IOException {
        if (!dir.equals(tempDir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(
            600) // about 1 to 4 minutes: each run builds the whole picocli tree and opens the queue
    void hostileCommandLinesNeverCrashAndAcceptedMessagesAreStoredOnceAndExact() throws IOException {
        long seed = SEED;
        Random random = new Random(seed);
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "agents: [{id: Agent-1, aliases: [a1]}, {id: Agent-2}]\n");
        Set<String> cwdBefore = listing(Path.of("").toAbsolutePath());
        Map<String, String> expectedBodies = new HashMap<>();

        for (int i = 0; i < INPUTS; i++) {
            List<String> args = new ArrayList<>(List.of("--config", config.toString()));
            String expectedBody = CliInputs.commandLine(random, args);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code;
            try {
                code = Main.execute(
                        new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed " + seed + " input " + i + " crashed: " + args, e);
            }
            String what =
                    "seed " + seed + " input " + i + " " + args + " → " + code + "\nout: " + out + "\nerr: " + err;
            assertTrue(code >= 0 && code <= 3, what);
            if (code != 0) {
                assertEquals(1, err.toString().strip().lines().count(), "a refusal of more than one line: " + what);
            }
            if (code == 0 && expectedBody != null) {
                Matcher m = QUEUED.matcher(out.toString());
                assertTrue(m.find(), what);
                if (expectedBodies.put(m.group(1), expectedBody) != null) {
                    fail("one id reported twice: " + what);
                }
            }
        }

        // Every accepted message is in the queue once, with exactly the text given
        try (SqliteMessageQueue queue =
                SqliteMessageQueue.open(dir.resolve("switchboard-data"), 5, new Backoff(100, 1_000))) {
            List<QueuedMessage> all = queue.list(Set.of(MessageState.values()), null, 1_000_000);
            Map<String, String> stored = all.stream()
                    .collect(
                            Collectors.toMap(QueuedMessage::id, q -> q.message().body()));
            for (Map.Entry<String, String> e : expectedBodies.entrySet()) {
                assertEquals(e.getValue(), stored.get(e.getKey()), "stored text of " + e.getKey());
            }
            long sentByFuzz =
                    all.stream().filter(q -> expectedBodies.containsKey(q.id())).count();
            assertEquals(expectedBodies.size(), sentByFuzz);
            assertTrue(
                    expectedBodies.size() > INPUTS / 20, "too few accepted to mean anything: " + expectedBodies.size());
        }
        // Nothing written beside the test's folder (relative paths would land in the working directory)
        assertEquals(cwdBefore, listing(Path.of("").toAbsolutePath()));
    }

    private static Set<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
