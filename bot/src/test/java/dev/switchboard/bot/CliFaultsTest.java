package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal CLI when something is wrong: a broken config, a removed agent, bad data, misplaced files. */
class CliFaultsTest {
    @TempDir
    Path dir;

    private Path config;

    private CliRun run(String... args) {
        return CliRun.of(config, args);
    }

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "agents: [{id: Agent-1}, {id: Agent-2}]\n");
    }

    private String send(String agent, String text) {
        CliRun sent = run("send", agent, text);
        assertEquals(0, sent.code(), sent.err());
        Matcher m = Pattern.compile("\\(id ([0-9a-f-]{36})\\)").matcher(sent.out());
        assertTrue(m.find(), sent.out());
        return m.group(1);
    }

    @Test
    void aBrokenConfigStillLetsTheQueueBeInspectedButNothingBeChanged() throws IOException {
        // GIVEN a message in the queue, then a config file broken by an edit
        String id = send("Agent-1", "hello");
        Files.writeString(config, "agents: [{id: Agent-1}, {id: Agent-2}\n");

        // WHEN read-only commands run, THEN they work, with one warning line
        for (String[] args : new String[][] {{"status", id}, {"queue", "list"}, {"agents"}}) {
            CliRun r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("warning: config error: "), r.err());
        }
        assertTrue(run("queue", "list").out().contains("\"hello\""));
        // AND a command that sends still refuses
        CliRun sent = run("send", "Agent-1", "again");
        assertEquals(1, sent.code());
        assertTrue(sent.err().startsWith("config error: "), sent.err());
    }

    @Test
    void anAgentRemovedFromTheConfigIsListedAsOrphanedWithItsMessages() throws IOException {
        send("Agent-2", "one");
        send("Agent-2", "two");
        Files.writeString(config, "agents: [{id: Agent-1}]\n");

        CliRun agents = run("agents");

        assertEquals(0, agents.code(), agents.err());
        assertTrue(agents.out().contains("Agent-2 · orphaned: not in the config · 2 pending"), agents.out());
        CliRun listed = run("queue", "list", "--agent", "Agent-2");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("\"one\"") && listed.out().contains("\"two\""), listed.out());
    }

    @Test
    void anUnreadableStoredMessageIsListedAndCancelledWithoutAStackTrace() throws SQLException {
        String id = send("Agent-1", "fine");
        String bad = send("Agent-1", "to be garbled");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("switchboard-data/queue.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE payloads SET payload = 'garbage{' WHERE seq = (SELECT seq FROM messages"
                    + " WHERE id = '" + bad + "')");
        }

        CliRun list = run("queue", "list");
        CliRun status = run("status", bad);
        CliRun cancel = run("queue", "cancel", bad);

        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("\"fine\""), list.out());
        assertEquals(0, status.code(), status.err());
        assertEquals(0, cancel.code(), cancel.err());
        assertTrue(list.noTrace() && status.noTrace() && cancel.noTrace(), list.err() + status.err() + cancel.err());
        assertTrue(run("status", id).out().contains("queued"));
    }

    @Test
    void aDataDirThatIsAFileIsOneLine() throws IOException {
        Files.writeString(dir.resolve("data"), "x");
        Files.writeString(config, "data_dir: data\nagents: [{id: Agent-1}]\n");

        CliRun r = run("send", "Agent-1", "hi");

        assertEquals(1, r.code());
        assertEquals(
                "error: the data folder " + dir.resolve("data") + " is a file, not a folder: set data_dir to a"
                        + " folder, or move the file aside",
                r.err().strip());
    }

    @Test
    void aQueueFileOfZeroBytesIsRefusedNotReplaced() throws IOException {
        Files.createDirectories(dir.resolve("switchboard-data"));
        Path db = Files.createFile(dir.resolve("switchboard-data/queue.db"));

        CliRun r = run("send", "Agent-1", "hi");

        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("is empty (0 bytes)") && r.err().contains("move it aside"), r.err());
        assertEquals(0, Files.size(db));
    }

    @Test
    void workspacesThatIsAFileStopsTheStartInOneLine() throws IOException {
        Files.writeString(dir.resolve("ws"), "x");
        Files.writeString(config, "workspaces: ws\nagents: [{id: Agent-1}]\n");

        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> App.startService(
                                ConfigLoader.load(config),
                                Secrets.from(Map.of()),
                                new App.Tuning(50, 50, 200, 100, 3, Duration.ofSeconds(1)))
                        .close());

        assertEquals(
                "the workspaces folder " + dir.resolve("ws") + " is a file, not a folder: set workspaces to a"
                        + " folder, or move the file aside",
                e.getMessage());
    }

    @Test
    void sqliteUnpacksItsNativeLibraryInAFolderOfThisUser() {
        run("queue", "list");

        String tmp = System.getProperty(SqliteNativeDir.PROPERTY);
        assertTrue(tmp != null && Files.isDirectory(Path.of(tmp)), "org.sqlite.tmpdir = " + tmp);
        assertFalse(Path.of(tmp).equals(Path.of(System.getProperty("java.io.tmpdir"))), tmp);
    }
}
