package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.message.UnifiedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inbox delivery on real directories: atomic, exact, idempotent by id. */
class InboxDelivererTest {
    @TempDir
    Path workspaces;

    private final AgentConfig agent = Fixtures.agent("Agent-1", DeliveryMethod.INBOX);
    private final InboxDeliverer deliverer =
            new InboxDeliverer(a -> workspaces.resolve(a.id()).resolve("inbox"));

    private Path inbox() {
        return workspaces.resolve("Agent-1").resolve("inbox");
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.walk(workspaces)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void preflightCreatesTheInboxAndItsProcessedFolder() {
        assertEquals(Optional.empty(), deliverer.preflight(agent));
        assertTrue(Files.isDirectory(inbox().resolve(InboxDeliverer.PROCESSED)));
        assertEquals(DeliveryMethod.INBOX, deliverer.method());
    }

    @Test
    void writesOneFileNamedByIdWithTheExactTextAndNoTempFile() throws IOException {
        UnifiedMessage m = Fixtures.message("Agent-1", "line 1\n  line 2 ünïcødé 🚀\r\n\ttrailing ");

        DeliveryOutcome outcome = deliverer.deliver(m, agent);

        assertTrue(outcome.delivered());
        assertTrue(outcome.verified());
        Path file = inbox().resolve(InboxFormat.fileName(m));
        assertEquals(List.of(file), allFiles());
        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(InboxFormat.render(m), content);
        assertEquals(m.body(), InboxFormat.bodyOf(content));
    }

    @Test
    void aRedeliveryFindsTheFileInsteadOfWritingASecond() throws IOException {
        UnifiedMessage m = Fixtures.message("Agent-1", "once");
        deliverer.deliver(m, agent);
        Path file = inbox().resolve(InboxFormat.fileName(m));
        Files.writeString(file, InboxFormat.render(m) + "\n(agent's note)"); // the agent may have touched it

        DeliveryOutcome again = deliverer.deliver(m, agent);

        assertTrue(again.delivered() && again.verified());
        assertEquals("already in the inbox", again.detail());
        assertEquals(List.of(file), allFiles());
        assertTrue(Files.readString(file).endsWith("(agent's note)"), "an existing file is not overwritten");
    }

    @Test
    void aRedeliveryAfterTheAgentMovedTheFileToProcessedWritesNothing() throws IOException {
        UnifiedMessage m = Fixtures.message("Agent-1", "read already");
        deliverer.deliver(m, agent);
        Path processed = inbox().resolve(InboxDeliverer.PROCESSED).resolve(InboxFormat.fileName(m));
        Files.createDirectories(processed.getParent());
        Files.move(inbox().resolve(InboxFormat.fileName(m)), processed);

        DeliveryOutcome again = deliverer.deliver(m, agent);

        assertTrue(again.delivered());
        assertEquals(List.of(processed), allFiles());
    }

    @Test
    void aTempFileLeftByACrashIsReplacedByTheRedelivery() throws IOException {
        UnifiedMessage m = Fixtures.message("Agent-1", "complete text");
        Files.createDirectories(inbox());
        Path temp = inbox().resolve("." + InboxFormat.fileName(m) + ".tmp");
        Files.writeString(temp, "---\nid: half writ"); // killed mid-write

        deliverer.deliver(m, agent);

        assertFalse(Files.exists(temp));
        assertEquals(List.of(inbox().resolve(InboxFormat.fileName(m))), allFiles());
        assertEquals(
                "complete text", InboxFormat.bodyOf(Files.readString(allFiles().get(0))));
    }

    @Test
    void anInboxThatCannotBeCreatedFailsCleanly() throws IOException {
        Files.writeString(workspaces.resolve("Agent-1"), "a file where the workspace folder should be");
        UnifiedMessage m = Fixtures.message("Agent-1", "x");

        Optional<String> problem = deliverer.preflight(agent);
        DeliveryOutcome outcome = deliverer.deliver(m, agent);

        assertTrue(problem.isPresent() && problem.get().startsWith("cannot create inbox"), problem.toString());
        assertFalse(outcome.delivered());
        assertTrue(outcome.fallbackAllowed(), "nothing reached the agent: the next method may try");
        assertFalse(outcome.noRoom(), "a file in the way is no full disk: it is an attempt");
    }

    @Test
    void atomicWriteReplacesWholeFilesOnly() throws IOException {
        Path target = workspaces.resolve("sub/dir/file.txt");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second, longer".getBytes(StandardCharsets.UTF_8));
        assertEquals("second, longer", Files.readString(target));
        assertEquals(List.of(target), allFiles());
    }
}
