package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import org.sqlite.SQLiteConfig;

/**
 * Fills a queue database with history fast, for the benchmark: a million DELIVERED messages with their
 * JSON payloads and their three transitions each, written in a few large transactions on the queue's own
 * schema. Not for production use: it runs with {@code synchronous=OFF} (a crash mid-fill loses the fill, which
 * is harmless for a benchmark) and must not run beside an open {@link SqliteMessageQueue} on the same folder.
 */
public final class BulkLoader {
    private static final int ROWS_PER_TRANSACTION = 100_000;

    private BulkLoader() {
    }

    /**
     * Adds {@code rows} DELIVERED messages (spread over {@code agents}, created over the last days) to the
     * queue database in {@code dataDir}, creating it if needed.
     *
     * @param progress told the number of rows written so far after each transaction
     */
    public static void loadDelivered(Path dataDir, int rows, List<String> agents, LongConsumer progress) {
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("agents: at least one is needed");
        }
        try {
            Files.createDirectories(dataDir);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
            String url = "jdbc:sqlite:" + dataDir.resolve(SqliteMessageQueue.FILE_NAME).toAbsolutePath();
            try (Connection c = config.createConnection(url)) {
                Schema.create(c);
                c.setAutoCommit(false);
                insert(c, rows, agents, progress);
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

    private static void insert(Connection c, int rows, List<String> agents, LongConsumer progress)
            throws SQLException {
        Sender sender = new Sender(Platform.DISCORD, "184467440737095516", "alice", Role.OPERATOR);
        Origin origin = new Origin(Platform.DISCORD, "1100000000000000001", "1200000000000000002", null, null);
        long start = System.currentTimeMillis() - rows * 250L;
        long firstSeq = nextSeq(c);
        try (PreparedStatement message = c.prepareStatement("""
                INSERT INTO messages(seq, id, correlation_id, agent, priority, state, attempts, not_before, method,
                                     verified, created_at, updated_at)
                VALUES (?,?,?,?,?, 'DELIVERED', 1, ?, 'inbox', 1, ?, ?)""");
             PreparedStatement payload = c.prepareStatement("INSERT INTO payloads(seq, payload) VALUES (?,?)");
             PreparedStatement transition = c.prepareStatement("""
                INSERT INTO transitions(message_id, from_state, to_state, at, attempt, method, verified, detail)
                VALUES (?,?,?,?,?,?,?,?)""")) {
            for (int i = 0; i < rows; i++) {
                String id = MessageIds.newId();
                String agent = agents.get(i % agents.size());
                long created = start + i * 250L;
                UnifiedMessage m = new UnifiedMessage(id, id, sender, Recipient.agent(agent), MessageType.TEXT,
                        Priority.NORMAL, "please rebase onto main and rerun the tests (request " + i + ")",
                        null, null, origin, Instant.ofEpochMilli(created), null);
                long seq = firstSeq + i;
                message.setLong(1, seq);
                message.setString(2, id);
                message.setString(3, id);
                message.setString(4, agent);
                message.setInt(5, Priority.NORMAL.ordinal());
                message.setLong(6, created);
                message.setLong(7, created);
                message.setLong(8, created + 40);
                message.addBatch();
                payload.setLong(1, seq);
                payload.setString(2, MessageCodec.encode(m));
                payload.addBatch();
                addTransition(transition, id, null, "QUEUED", created, 0, null, null);
                addTransition(transition, id, "QUEUED", "DELIVERING", created + 20, 1, null, null);
                addTransition(transition, id, "DELIVERING", "DELIVERED", created + 40, 1, "inbox", 1);
                if ((i + 1) % 1_000 == 0 || i + 1 == rows) {
                    message.executeBatch();
                    payload.executeBatch();
                    transition.executeBatch();
                }
                if ((i + 1) % ROWS_PER_TRANSACTION == 0 || i + 1 == rows) {
                    c.commit();
                    progress.accept(i + 1L);
                }
            }
        }
    }

    /** Rows get explicit seqs so each payload can name its message without a round trip per row. */
    private static long nextSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM messages")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void addTransition(PreparedStatement p, String id, String from, String to, long at, int attempt,
                                      String method, Integer verified) throws SQLException {
        p.setString(1, id);
        p.setString(2, from);
        p.setString(3, to);
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
