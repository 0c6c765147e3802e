package dev.switchboard.core.queue;

import static dev.switchboard.core.queue.QueueFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.MutableClock;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue.db written by an older Switchboard opens with nothing lost; one from a newer one is refused. */
class SchemaMigrationTest {
    /** Version 1 exactly as it shipped: the payload inline in {@code messages}. */
    private static final String[] VERSION_1 = {
        """
        CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
          correlation_id TEXT NOT NULL, agent TEXT NOT NULL, priority INTEGER NOT NULL, state TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL, lease_owner TEXT, lease_until INTEGER,
          method TEXT, verified INTEGER, last_error TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
          payload TEXT NOT NULL)""",
        "CREATE INDEX messages_pending ON messages(agent, priority, seq) WHERE " + Schema.PENDING,
        "CREATE INDEX messages_leased ON messages(agent, lease_until) WHERE state = 'DELIVERING'",
        """
        CREATE TABLE transitions (seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL,
          from_state TEXT, to_state TEXT NOT NULL, at INTEGER NOT NULL, attempt INTEGER NOT NULL, method TEXT,
          verified INTEGER, detail TEXT)""",
        "CREATE INDEX transitions_message ON transitions(message_id)",
        "CREATE TABLE paused_agents (agent TEXT PRIMARY KEY, at INTEGER NOT NULL, by TEXT)",
        "PRAGMA user_version = 1"
    };

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void aVersion1QueueIsMigratedWithEveryMessageAndItsHistory() throws SQLException {
        // GIVEN a version-1 file holding one delivered and one queued message
        UnifiedMessage delivered = message(clock, "Agent-1", Priority.NORMAL, "already delivered");
        UnifiedMessage waiting = message(clock, "Agent-2", Priority.HIGH, "still waiting");
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                for (String sql : VERSION_1) {
                    s.execute(sql);
                }
            }
            insertV1(c, delivered, MessageState.DELIVERED);
            insertV1(c, waiting, MessageState.QUEUED);
        }

        // WHEN this version opens it
        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            // THEN both messages read back whole, with their state and history
            QueuedMessage d = queue.find(delivered.id()).orElseThrow();
            assertEquals(delivered, d.message());
            assertEquals(MessageState.DELIVERED, d.state());
            assertEquals(
                    List.of(MessageState.QUEUED, MessageState.DELIVERED),
                    queue.history(delivered.id()).stream().map(Transition::to).toList());
            // AND the waiting one is still delivered, and acknowledged, as before
            QueuedMessage claimed =
                    queue.claimNext("Agent-2", "w", Duration.ofSeconds(10)).orElseThrow();
            assertEquals(waiting, claimed.message());
            queue.markDelivered(waiting.id(), "inbox", true, null);
            assertTrue(queue.markRead(waiting.id(), "test"));
            // AND new messages go into the new layout beside the old ones
            UnifiedMessage fresh = message(clock, "Agent-1", Priority.NORMAL, "after the upgrade");
            queue.enqueue(fresh);
            assertEquals(fresh, queue.find(fresh.id()).orElseThrow().message());
            assertEquals(3, queue.list(List.of(), null, 10).size());
        }
        try (Connection c = connect()) {
            assertEquals(Schema.VERSION, userVersion(c));
            assertFalse(columns(c, "messages").contains("payload"), "payload moved out of messages");
            assertTrue(columns(c, "answers").contains("destination"), "stepped on up to version 3");
            assertTrue(columns(c, "gas_state").contains("fired"));
        }
    }

    @Test
    void aVersion2QueueGainsTheAnswersAndGasTablesWithItsMessagesKept() throws SQLException {
        UnifiedMessage kept = message(clock, "Agent-1", Priority.NORMAL, "written by version 2");
        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            queue.enqueue(kept);
        }
        // as version 2 left it: without the version-3 tables
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE answers");
            s.execute("DROP TABLE gas_state");
            s.execute("DROP TABLE schedules"); // version 4's
            s.execute("PRAGMA user_version = 2");
        }

        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            assertEquals(kept, queue.find(kept.id()).orElseThrow().message());
        }
        try (Connection c = connect()) {
            assertEquals(Schema.VERSION, userVersion(c));
            assertTrue(columns(c, "answers").contains("origin_message"));
            assertTrue(columns(c, "schedules").contains("next_at"), "and on to version 4");
            assertTrue(columns(c, "gas_state").contains("task_since"));
        }
    }

    @Test
    void aFileFromANewerSwitchboardIsRefusedAndLeftAlone() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE future (x)");
            s.execute("PRAGMA user_version = " + (Schema.VERSION + 1));
        }
        byte[] before = Files.readAllBytes(dir.resolve(SqliteMessageQueue.FILE_NAME));

        QueueException e = assertThrows(QueueException.class, () -> QueueFixture.open(dir, clock, 3));

        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        try (Connection c = connect()) {
            assertEquals(Schema.VERSION + 1, userVersion(c));
            assertFalse(columns(c, "future").isEmpty());
        }
        assertEquals(before.length, Files.readAllBytes(dir.resolve(SqliteMessageQueue.FILE_NAME)).length);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteMessageQueue.FILE_NAME));
    }

    private void insertV1(Connection c, UnifiedMessage m, MessageState state) throws SQLException {
        long now = clock.millis();
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO messages(id, correlation_id, agent, priority, state, attempts, not_before, created_at,
                                     updated_at, payload) VALUES (?,?,?,?,?,?,?,?,?,?)""")) {
            p.setString(1, m.id());
            p.setString(2, m.correlationId());
            p.setString(3, m.agent());
            p.setInt(4, m.priority().ordinal());
            p.setString(5, state.name());
            p.setInt(6, state == MessageState.QUEUED ? 0 : 1);
            p.setLong(7, now);
            p.setLong(8, now);
            p.setLong(9, now);
            p.setString(10, MessageCodec.encode(m));
            p.executeUpdate();
        }
        transitionV1(c, m.id(), null, MessageState.QUEUED, now);
        if (state != MessageState.QUEUED) {
            transitionV1(c, m.id(), MessageState.QUEUED, state, now);
        }
    }

    private static void transitionV1(Connection c, String id, MessageState from, MessageState to, long at)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO transitions(message_id, from_state, to_state, at, attempt) VALUES (?,?,?,?,0)")) {
            p.setString(1, id);
            p.setString(2, from == null ? null : from.name());
            p.setString(3, to.name());
            p.setLong(4, at);
            p.executeUpdate();
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                out.add(rs.getString("name"));
            }
        }
        return out;
    }
}
