package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import org.sqlite.SQLiteConfig;

/**
 * The queue's tables, versioned with {@code PRAGMA user_version}; an older file is migrated when opened.
 *
 * <p>Version 2 keeps each message's JSON in {@code payloads}, written once, apart from the small
 * {@code messages} row that changes three or four times: SQLite rewrites a whole row on every update and
 * logs every page it touches, so with the payload inline each state change rewrote half a kilobyte and the
 * rows of the messages in flight spread over several times more pages (version 1 wrote about 15 KB of
 * write-ahead log per message through its cycle).
 *
 * <p>Version 3 adds {@code answers} (what agents say back and what the switchboard announces, kept until a chat
 * bridge has posted it) and {@code gas_state} (the gas pipeline's memory per agent). Each version is one
 * self-contained step ({@link #upgrade}); a new file is built as version 2 and then stepped up, so every file
 * ends up with exactly the same tables whichever way it came.
 *
 * <p>Version 4 adds {@code schedules} (recurring messages, see {@link ScheduleStore}).
 *
 * <p>The message rows are written by the statements below only, by the queue and by
 * {@link #bulkInsertDelivered}: one place for the column lists.
 */
public final class Schema {
    static final int VERSION = 4;

    /** States a worker may still act on; the partial index covers exactly these rows. */
    static final String PENDING = "state IN ('QUEUED','RETRY_WAIT','DELIVERING')";

    /** A new message row; {@code seq} NULL lets SQLite number it. */
    static final String INSERT_MESSAGE = """
            INSERT INTO messages(seq, id, correlation_id, agent, priority, state, attempts, not_before, method,
                                 verified, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""";
    /** A message's JSON, for the message row inserted just before on the same connection. */
    static final String INSERT_PAYLOAD_OF_LAST = "INSERT INTO payloads(seq, payload) VALUES (last_insert_rowid(), ?)";
    /** A message's JSON, for the message row numbered {@code seq}. */
    static final String INSERT_PAYLOAD = "INSERT INTO payloads(seq, payload) VALUES (?,?)";
    /** One state change of a message's history. */
    static final String INSERT_TRANSITION = """
            INSERT INTO transitions(message_id, from_state, to_state, at, attempt, method, verified, detail)
            VALUES (?,?,?,?,?,?,?,?)""";

    private static final int BULK_ROWS_PER_TRANSACTION = 100_000;

    private Schema() {}

    /** Creates the tables, or migrates an older file; in one transaction, so a crash leaves the old file. */
    static void create(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            int version = version(s);
            if (version == VERSION) {
                return;
            }
            refuseNewer(version);
            s.execute("BEGIN IMMEDIATE");
            try {
                // Read again under the write lock: another process may have created or migrated it meanwhile.
                version = version(s);
                refuseNewer(version);
                if (version == 0) {
                    createVersion2(s);
                    version = 2;
                } else if (version == 1) {
                    migrateFrom1(s);
                    version = 2;
                }
                for (int v = version; v < VERSION; v++) {
                    upgrade(s, v);
                }
                s.execute("PRAGMA user_version = " + VERSION);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void refuseNewer(int version) {
        if (version > VERSION) {
            throw new QueueException("queue.db has schema version " + version + ", newer than this Switchboard"
                    + " knows (" + VERSION + "): use the newer Switchboard, or move queue.db aside");
        }
    }

    private static int version(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void createVersion2(Statement s) throws SQLException {
        s.execute("""
                CREATE TABLE IF NOT EXISTS messages (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  id TEXT NOT NULL UNIQUE,
                  correlation_id TEXT NOT NULL,
                  agent TEXT NOT NULL,
                  priority INTEGER NOT NULL,
                  state TEXT NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  not_before INTEGER NOT NULL,
                  lease_owner TEXT,
                  lease_until INTEGER,
                  method TEXT,
                  verified INTEGER,
                  last_error TEXT,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL)""");
        createPayloads(s);
        createIndexes(s);
        s.execute("""
                CREATE TABLE IF NOT EXISTS transitions (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  message_id TEXT NOT NULL,
                  from_state TEXT,
                  to_state TEXT NOT NULL,
                  at INTEGER NOT NULL,
                  attempt INTEGER NOT NULL,
                  method TEXT,
                  verified INTEGER,
                  detail TEXT)""");
        s.execute("CREATE INDEX IF NOT EXISTS transitions_message ON transitions(message_id)");
        s.execute("""
                CREATE TABLE IF NOT EXISTS paused_agents (
                  agent TEXT PRIMARY KEY,
                  at INTEGER NOT NULL,
                  by TEXT)""");
    }

    /** A message's JSON, keyed by its {@code messages.seq}. */
    private static void createPayloads(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS payloads (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
    }

    private static void createIndexes(Statement s) throws SQLException {
        // Only pending rows are indexed for claiming: a million delivered rows cost nothing here.
        s.execute("CREATE INDEX IF NOT EXISTS messages_pending ON messages(agent, priority, seq) WHERE " + PENDING);
        // Expired leases are looked for before every claim: the few DELIVERING rows have their own index, or
        // that look-up would read every pending row of the agent (a backlog of thousands, on each claim).
        s.execute(
                "CREATE INDEX IF NOT EXISTS messages_leased ON messages(agent, lease_until) WHERE state = 'DELIVERING'");
    }

    /** Version 1 kept the payload in {@code messages}: move it out (rewrites the table once). */
    private static void migrateFrom1(Statement s) throws SQLException {
        createPayloads(s);
        s.execute("INSERT INTO payloads(seq, payload) SELECT seq, payload FROM messages");
        s.execute("ALTER TABLE messages DROP COLUMN payload");
    }

    /** One step from {@code from} to {@code from + 1}. Steps never depend on each other's tables. */
    private static void upgrade(Statement s, int from) throws SQLException {
        switch (from) {
            case 2 -> addConversationTables(s);
            case 3 -> ScheduleStore.createTable(s);
            default -> throw new IllegalStateException("no upgrade step from schema version " + from);
        }
    }

    /** Version 3: answers waiting for a chat bridge, and the gas pipeline's state per agent. */
    static void addConversationTables(Statement s) throws SQLException {
        s.execute("""
                CREATE TABLE IF NOT EXISTS answers (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  id TEXT NOT NULL UNIQUE,
                  kind TEXT NOT NULL,
                  agent TEXT NOT NULL,
                  reply_to TEXT,
                  destination TEXT NOT NULL,
                  origin_guild TEXT,
                  origin_channel TEXT,
                  origin_message TEXT,
                  origin_thread TEXT,
                  body TEXT NOT NULL,
                  created_at INTEGER NOT NULL,
                  posted_at INTEGER,
                  posted_via TEXT)""");
        s.execute("CREATE INDEX IF NOT EXISTS answers_waiting ON answers(destination, seq) WHERE posted_at IS NULL");
        s.execute("""
                CREATE TABLE IF NOT EXISTS gas_state (
                  agent TEXT PRIMARY KEY,
                  task TEXT,
                  task_since INTEGER,
                  fired TEXT NOT NULL DEFAULT '',
                  progress INTEGER,
                  status_stamp TEXT,
                  last_activity INTEGER NOT NULL,
                  last_prompt INTEGER,
                  last_prompt_kind TEXT)""");
    }

    // ---------------------------------------------------------------- bulk insert

    /**
     * Adds {@code rows} DELIVERED messages (by inbox, verified) with their payloads and their three transitions
     * (queued at {@code createdAt}, delivering 20 ms and delivered 40 ms later) to the queue database in
     * {@code dataDir}, creating it if needed; fast, in a few large transactions. For the benchmark's history of
     * a million rows, not for production use: it runs with {@code synchronous=OFF} (a crash mid-fill loses the
     * fill) and must not run beside an open {@link SqliteMessageQueue} on the same folder.
     *
     * @param message  the {@code i}th message ({@code 0 <= i < rows}): its agent, body and {@code createdAt}
     * @param progress told the number of rows written so far after each transaction
     */
    public static void bulkInsertDelivered(
            Path dataDir, int rows, IntFunction<UnifiedMessage> message, LongConsumer progress) {
        try {
            Files.createDirectories(dataDir);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
            String url = "jdbc:sqlite:"
                    + dataDir.resolve(SqliteMessageQueue.FILE_NAME).toAbsolutePath();
            try (Connection c = config.createConnection(url)) {
                create(c);
                c.setAutoCommit(false);
                insertDelivered(c, rows, message, progress);
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    // Leave a small WAL behind, as a long-running service would after its checkpoints.
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }
        } catch (SQLException | IOException e) {
            throw new QueueException("cannot fill the queue in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void insertDelivered(
            Connection c, int rows, IntFunction<UnifiedMessage> messages, LongConsumer progress) throws SQLException {
        long firstSeq = nextSeq(c);
        try (PreparedStatement message = c.prepareStatement(INSERT_MESSAGE);
                PreparedStatement payload = c.prepareStatement(INSERT_PAYLOAD);
                PreparedStatement transition = c.prepareStatement(INSERT_TRANSITION)) {
            for (int i = 0; i < rows; i++) {
                UnifiedMessage m = messages.apply(i);
                long created = m.createdAt().toEpochMilli();
                long seq = firstSeq + i;
                message.setLong(1, seq);
                message.setString(2, m.id());
                message.setString(3, m.correlationId());
                message.setString(4, m.agent());
                message.setInt(5, m.priority().ordinal());
                message.setString(6, MessageState.DELIVERED.name());
                message.setInt(7, 1);
                message.setLong(8, created);
                message.setString(9, "inbox");
                message.setInt(10, 1);
                message.setLong(11, created);
                message.setLong(12, created + 40);
                message.addBatch();
                payload.setLong(1, seq);
                payload.setString(2, MessageCodec.encode(m));
                payload.addBatch();
                addTransition(transition, m.id(), null, MessageState.QUEUED, created, 0, null, null);
                addTransition(
                        transition, m.id(), MessageState.QUEUED, MessageState.DELIVERING, created + 20, 1, null, null);
                addTransition(
                        transition,
                        m.id(),
                        MessageState.DELIVERING,
                        MessageState.DELIVERED,
                        created + 40,
                        1,
                        "inbox",
                        1);
                if ((i + 1) % 1_000 == 0 || i + 1 == rows) {
                    message.executeBatch();
                    payload.executeBatch();
                    transition.executeBatch();
                }
                if ((i + 1) % BULK_ROWS_PER_TRANSACTION == 0 || i + 1 == rows) {
                    c.commit();
                    progress.accept(i + 1L);
                }
            }
        }
    }

    /** Rows get explicit seqs so each payload can name its message without a round trip per row. */
    private static long nextSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM messages")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void addTransition(
            PreparedStatement p,
            String id,
            MessageState from,
            MessageState to,
            long at,
            int attempt,
            String method,
            Integer verified)
            throws SQLException {
        p.setString(1, id);
        p.setString(2, from == null ? null : from.name());
        p.setString(3, to.name());
        p.setLong(4, at);
        p.setInt(5, attempt);
        p.setString(6, method);
        if (verified == null) {
            p.setNull(7, java.sql.Types.INTEGER);
        } else {
            p.setInt(7, verified);
        }
        p.setNull(8, java.sql.Types.VARCHAR);
        p.addBatch();
    }
}
