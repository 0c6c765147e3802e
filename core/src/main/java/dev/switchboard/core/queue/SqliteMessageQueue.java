package dev.switchboard.core.queue;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * The embedded durable queue: one SQLite file in WAL mode with {@code synchronous=FULL}. All writes go
 * through one {@link GroupCommitWriter}; reads use their own connection (WAL readers never block the writer).
 * Several processes may open the same file (the CLI beside {@code switchboard run}); SQLite's locking and a
 * busy timeout serialise them.
 */
public final class SqliteMessageQueue implements MessageQueue {
    public static final String FILE_NAME = "queue.db";

    private final Connection readConnection;
    private final StatementCache readStatements;
    private final GroupCommitWriter writer;
    private final Checkpointer checkpointer;
    private final Clock clock;
    private final RandomGenerator random;
    private final int maxAttempts;
    private final Backoff backoff;
    /** Correlation, agent, sender and origin of the messages in flight, so events need no payload decoded. */
    private final EventHeaders eventHeaders = new EventHeaders(8_192);
    private final List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param dataDir     folder for {@code queue.db}; created if missing
     * @param maxAttempts delivery attempts before a message is DEAD
     */
    public SqliteMessageQueue(Path dataDir, int maxAttempts, Backoff backoff, Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        try {
            Files.createDirectories(dataDir);
            String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
            Connection writeConnection = open(url, false);
            try {
                Schema.create(writeConnection);
            } catch (SQLException | RuntimeException e) {
                writeConnection.close(); // a file we cannot use is not held open
                throw e;
            }
            try (var s = writeConnection.createStatement()) {
                // Commits never checkpoint (that stalled the producers of that commit): the Checkpointer does.
                s.execute("PRAGMA wal_autocheckpoint = 0");
            }
            this.readConnection = open(url, true);
            this.readStatements = new StatementCache(readConnection);
            this.checkpointer = new Checkpointer(open(url, false));
            this.writer = new GroupCommitWriter(writeConnection, this::committed);
        } catch (SQLException | IOException e) {
            throw new QueueException("cannot open the queue in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public static SqliteMessageQueue open(Path dataDir, int maxAttempts, Backoff backoff) {
        return new SqliteMessageQueue(dataDir, maxAttempts, backoff, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    private static Connection open(String url, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        // Writers take the lock up front: a deferred transaction that upgrades can fail with BUSY at once.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Nothing reads generated keys; without this the driver runs an extra query after every INSERT.
        config.setGetGeneratedKeys(false);
        config.setReadOnly(false);
        Connection c = config.createConnection(url);
        if (readOnly) {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA query_only = 1");
            }
        }
        return c;
    }

    /** Called on the writer thread after each commit (the event pump wakes on it). */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    private void committed() {
        checkpointer.committed();
        commitListeners.forEach(Runnable::run);
    }

    // ---------------------------------------------------------------- writes

    @Override
    public CompletableFuture<QueuedMessage> enqueueAsync(UnifiedMessage m) {
        String payload = MessageCodec.encode(m);
        String agent = m.agent();
        return writer.submit(c -> {
            long now = clock.millis();
            {
                PreparedStatement p = prepare(c, """
                    INSERT INTO messages(id, correlation_id, agent, priority, state, attempts, not_before,
                                         created_at, updated_at)
                    VALUES (?,?,?,?, 'QUEUED', 0, ?, ?, ?)""");
                p.setString(1, m.id());
                p.setString(2, m.correlationId());
                p.setString(3, agent);
                p.setInt(4, m.priority().ordinal());
                p.setLong(5, m.notBefore().toEpochMilli());
                p.setLong(6, m.createdAt().toEpochMilli());
                p.setLong(7, now);
                p.executeUpdate();
            }
            {
                PreparedStatement p = prepare(c, "INSERT INTO payloads(seq, payload) VALUES (last_insert_rowid(), ?)");
                p.setString(1, payload);
                p.executeUpdate();
            }
            insertTransition(c, m.id(), null, MessageState.QUEUED, now, 0, null, null, null);
            // Before the commit, so the event pump (woken by it) finds the header.
            eventHeaders.remember(m);
            return new QueuedMessage(m, MessageState.QUEUED, 0, m.notBefore(), null, null, null,
                    Instant.ofEpochMilli(now));
        });
    }

    @Override
    public QueuedMessage enqueue(UnifiedMessage message) {
        return await(enqueueAsync(message));
    }

    @Override
    public Optional<QueuedMessage> claimNext(String agent, String worker, Duration lease) {
        return claimBatch(agent, worker, lease, 1).stream().findFirst();
    }

    @Override
    public List<QueuedMessage> claimBatch(String agent, String worker, Duration lease, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return await(writer.submit(c -> {
            long now = clock.millis();
            if (isPaused(c, agent)) {
                return List.<Row>of();
            }
            expireLeases(c, agent, now);
            List<Row> rows = new ArrayList<>();
            {
                PreparedStatement p = prepare(c, Row.SELECT + " WHERE agent = ? AND "
                    + Schema.PENDING + " AND state <> 'DELIVERING' AND not_before <= ? ORDER BY priority, m.seq LIMIT ?");
                p.setString(1, agent);
                p.setLong(2, now);
                p.setInt(3, max);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Row.read(rs));
                    }
                }
            }
            List<Row> claimed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                int attempt = row.attempts() + 1;
                row.state().checkMoveTo(MessageState.DELIVERING, row.id());
                PreparedStatement p = prepare(c, "UPDATE messages SET state = 'DELIVERING', attempts = ?,"
                        + " lease_owner = ?, lease_until = ?, updated_at = ? WHERE id = ?");
                p.setInt(1, attempt);
                p.setString(2, worker);
                p.setLong(3, now + lease.toMillis());
                p.setLong(4, now);
                p.setString(5, row.id());
                p.executeUpdate();
                insertTransition(c, row.id(), row.state(), MessageState.DELIVERING, now, attempt, null, null, null);
                claimed.add(row.withState(MessageState.DELIVERING, attempt, now));
            }
            return claimed;
        })).stream().map(Row::toQueued).toList();
    }

    private void expireLeases(Connection c, String agent, long now) throws SQLException {
        List<Row> expired = new ArrayList<>();
        {
            PreparedStatement p = prepare(c, Row.SELECT + " WHERE agent = ? AND "
                + Schema.PENDING + " AND state = 'DELIVERING' AND lease_until < ?");
            p.setString(1, agent);
            p.setLong(2, now);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    expired.add(Row.read(rs));
                }
            }
        }
        for (Row r : expired) {
            move(c, r, MessageState.QUEUED, now, null, null, "lease expired: the worker stopped mid-delivery", now);
        }
    }

    @Override
    public QueuedMessage markDelivered(String id, String method, boolean verified, String detail) {
        return await(writer.submit(c -> {
            delivered(c, id, method, verified, detail);
            return load(c, id);
        })).toQueued(); // the JSON payload is decoded on the caller's thread: the writer thread is the bottleneck
    }

    @Override
    public CompletableFuture<Void> markDeliveredAsync(String id, String method, boolean verified, String detail) {
        return writer.submit(c -> {
            delivered(c, id, method, verified, detail);
            return null;
        });
    }

    private void delivered(Connection c, String id, String method, boolean verified, String detail)
            throws SQLException {
        long now = clock.millis();
        // One statement in the usual case (the message is DELIVERING): no read of the row before the update.
        PreparedStatement p = prepare(c, "UPDATE messages SET state = 'DELIVERED', method = ?, verified = ?,"
                + " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'DELIVERING'"
                + " RETURNING attempts");
        p.setString(1, method);
        p.setInt(2, verified ? 1 : 0);
        p.setLong(3, now);
        p.setString(4, id);
        Integer attempts = returnedInt(p);
        if (attempts == null) {
            Row r = load(c, id); // unknown id, or not DELIVERING: say which
            r.state().checkMoveTo(MessageState.DELIVERED, id);
            throw new IllegalStateException("message " + id + " changed while it was marked delivered");
        }
        insertTransition(c, id, MessageState.DELIVERING, MessageState.DELIVERED, now, attempts, method, verified,
                detail);
    }

    /** Runs an {@code UPDATE … RETURNING} of one integer column: the value, or null when no row matched. */
    private static Integer returnedInt(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }

    @Override
    public QueuedMessage markFailed(String id, String reason, boolean permanent) {
        return await(writer.submit(c -> {
            Row r = load(c, id);
            long now = clock.millis();
            boolean dead = permanent || r.attempts() >= maxAttempts;
            if (dead) {
                String why = permanent ? reason : "gave up after " + r.attempts() + " attempts: " + reason;
                move(c, r, MessageState.DEAD, now, reason, null, why, r.notBefore());
            } else {
                long next = now + backoff.delayBefore(r.attempts(), random).toMillis();
                move(c, r, MessageState.RETRY_WAIT, now, reason, null, reason, next);
            }
            return load(c, id).toQueued();
        }));
    }

    @Override
    public boolean markRead(String id, String via) {
        return await(markReadAsync(id, via));
    }

    @Override
    public CompletableFuture<Boolean> markReadAsync(String id, String via) {
        return writer.submit(c -> {
            long now = clock.millis();
            // The usual case (DELIVERED → READ) in one statement; anything else goes the general way below.
            PreparedStatement p = prepare(c, "UPDATE messages SET state = 'READ', updated_at = ?"
                    + " WHERE id = ? AND state = 'DELIVERED' RETURNING attempts");
            p.setLong(1, now);
            p.setString(2, id);
            Integer attempts = returnedInt(p);
            if (attempts != null) {
                insertTransition(c, id, MessageState.DELIVERED, MessageState.READ, now, attempts, null, null, via);
                return true;
            }
            Row r = load(c, id);
            if (r.state() == MessageState.READ) {
                return false;
            }
            move(c, r, MessageState.READ, now, null, null, via, r.notBefore());
            return true;
        });
    }

    @Override
    public QueuedMessage cancel(String id, String by) {
        return await(writer.submit(c -> {
            Row r = loadFlexible(c, id);
            move(c, r, MessageState.CANCELLED, clock.millis(), null, null, "cancelled by " + by, r.notBefore());
            return load(c, r.id()).toQueued();
        }));
    }

    @Override
    public QueuedMessage retry(String id, String by) {
        return await(writer.submit(c -> {
            Row r = loadFlexible(c, id);
            long now = clock.millis();
            r.state().checkMoveTo(MessageState.QUEUED, r.id());
            if (r.state() == MessageState.DELIVERING) {
                throw new dev.switchboard.core.message.IllegalTransitionException(r.id(), r.state(),
                        MessageState.QUEUED);
            }
            move(c, r, MessageState.QUEUED, now, null, 0, "retry requested by " + by, now);
            return load(c, r.id()).toQueued();
        }));
    }

    @Override
    public void pause(String agent, String by) {
        await(writer.submit(c -> {
            {
                PreparedStatement p = prepare(c,
                    "INSERT OR REPLACE INTO paused_agents(agent, at, by) VALUES (?,?,?)");
                p.setString(1, agent);
                p.setLong(2, clock.millis());
                p.setString(3, by);
                return p.executeUpdate();
            }
        }));
    }

    @Override
    public void resume(String agent, String by) {
        await(writer.submit(c -> {
            {
                PreparedStatement p = prepare(c, "DELETE FROM paused_agents WHERE agent = ?");
                p.setString(1, agent);
                return p.executeUpdate();
            }
        }));
    }

    @Override
    public int recoverAbandoned(String incarnation) {
        return await(writer.submit(c -> {
            List<Row> rows = new ArrayList<>();
            {
                PreparedStatement p = prepare(c, Row.SELECT + " WHERE "
                    + Schema.PENDING + " AND state = 'DELIVERING' AND (lease_owner IS NULL OR lease_owner NOT LIKE ?)");
                p.setString(1, incarnation + "%");
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Row.read(rs));
                    }
                }
            }
            long now = clock.millis();
            for (Row r : rows) {
                move(c, r, MessageState.QUEUED, now, null, null, "recovered after restart", now);
            }
            return rows.size();
        }));
    }

    @Override
    public int purgeDead() {
        return await(writer.submit(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM transitions WHERE message_id IN (SELECT id FROM messages WHERE state = 'DEAD')");
                s.executeUpdate("DELETE FROM payloads WHERE seq IN (SELECT seq FROM messages WHERE state = 'DEAD')");
                return s.executeUpdate("DELETE FROM messages WHERE state = 'DEAD'");
            }
        }));
    }

    /** Moves a row to {@code to}, clearing the lease, and logs the transition. */
    private void move(Connection c, Row r, MessageState to, long now, String error, Integer attempts, String detail,
                      long notBefore) throws SQLException {
        r.state().checkMoveTo(to, r.id());
        int attempt = attempts == null ? r.attempts() : attempts;
        {
            PreparedStatement p = prepare(c, "UPDATE messages SET state = ?, attempts = ?, not_before = ?,"
                + " lease_owner = NULL, lease_until = NULL, last_error = COALESCE(?, last_error), updated_at = ?"
                + " WHERE id = ?");
            p.setString(1, to.name());
            p.setInt(2, attempt);
            p.setLong(3, notBefore);
            p.setString(4, error);
            p.setLong(5, now);
            p.setString(6, r.id());
            p.executeUpdate();
        }
        insertTransition(c, r.id(), r.state(), to, now, attempt, null, null, detail);
    }

    private void insertTransition(Connection c, String id, MessageState from, MessageState to, long at,
                                         int attempt, String method, Boolean verified, String detail)
            throws SQLException {
        {
            PreparedStatement p = prepare(c, "INSERT INTO transitions(message_id, from_state, to_state, at,"
                + " attempt, method, verified, detail) VALUES (?,?,?,?,?,?,?,?)");
            p.setString(1, id);
            p.setString(2, from == null ? null : from.name());
            p.setString(3, to.name());
            p.setLong(4, at);
            p.setInt(5, attempt);
            p.setString(6, method);
            if (verified == null) {
                p.setNull(7, java.sql.Types.INTEGER);
            } else {
                p.setInt(7, verified ? 1 : 0);
            }
            p.setString(8, detail);
            p.executeUpdate();
        }
    }

    private Row load(Connection c, String id) throws SQLException {
        {
            PreparedStatement p = prepare(c, Row.SELECT + " WHERE id = ?");
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownMessageException("no message with id " + id);
                }
                return Row.read(rs);
            }
        }
    }

    /** Full id, or a unique short form (the last or first characters of the id). */
    private Row loadFlexible(Connection c, String idOrShort) throws SQLException {
        String key = idOrShort.trim().toLowerCase(java.util.Locale.ROOT);
        if (key.startsWith("#")) {
            key = key.substring(1);
        }
        if (!key.matches("[0-9a-f-]{4,36}")) {
            throw new UnknownMessageException("'" + idOrShort + "' is not a message id (e.g. #3f2a or a full id)");
        }
        if (key.length() == 36) {
            return load(c, key);
        }
        List<Row> found = new ArrayList<>();
        {
            PreparedStatement p = prepare(c, Row.SELECT
                + " WHERE id LIKE ? OR id LIKE ? ORDER BY m.seq DESC LIMIT 2");
            p.setString(1, "%" + key);
            p.setString(2, key + "%");
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(Row.read(rs));
                }
            }
        }
        if (found.isEmpty()) {
            throw new UnknownMessageException("no message matches #" + key);
        }
        if (found.size() > 1) {
            throw new UnknownMessageException("#" + key + " matches several messages; give more of the id");
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public boolean hasReady(String agent) {
        return read(c -> {
            if (isPaused(c, agent)) {
                return false;
            }
            long now = clock.millis();
            {
                PreparedStatement p = prepare(c, "SELECT 1 FROM messages WHERE agent = ? AND "
                    + Schema.PENDING + " AND ((state <> 'DELIVERING' AND not_before <= ?)"
                    + " OR (state = 'DELIVERING' AND lease_until < ?)) LIMIT 1");
                p.setString(1, agent);
                p.setLong(2, now);
                p.setLong(3, now);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean isPaused(String agent) {
        return read(c -> isPaused(c, agent));
    }

    private boolean isPaused(Connection c, String agent) throws SQLException {
        {
            PreparedStatement p = prepare(c, "SELECT 1 FROM paused_agents WHERE agent = ?");
            p.setString(1, agent);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public Optional<QueuedMessage> find(String idOrShort) {
        return read(c -> {
            try {
                return Optional.of(loadFlexible(c, idOrShort).toQueued());
            } catch (UnknownMessageException e) {
                if (e.getMessage().contains("several")) {
                    throw e;
                }
                return Optional.empty();
            }
        });
    }

    @Override
    public List<Transition> history(String id) {
        return read(c -> {
            List<Transition> out = new ArrayList<>();
            {
                PreparedStatement p = prepare(c, "SELECT seq, message_id, from_state, to_state, at, attempt,"
                    + " method, verified, detail FROM transitions WHERE message_id = ? ORDER BY seq");
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Transition(rs.getLong(1), rs.getString(2), state(rs.getString(3)),
                                state(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6),
                                rs.getString(7), bool(rs, 8), rs.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<QueuedMessage> list(Collection<MessageState> states, String agent, int limit) {
        return read(c -> {
            StringBuilder sql = new StringBuilder(Row.SELECT + " WHERE 1=1");
            if (!states.isEmpty()) {
                sql.append(" AND state IN (").append(states.stream().map(s -> "'" + s.name() + "'")
                        .collect(Collectors.joining(","))).append(')');
            }
            if (agent != null) {
                sql.append(" AND agent = ?");
            }
            sql.append(" ORDER BY m.seq DESC LIMIT ?");
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (agent != null) {
                    p.setString(i++, agent);
                }
                p.setInt(i, limit);
                List<QueuedMessage> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(Row.read(rs).toQueued());
                    }
                }
                return out;
            }
        });
    }

    @Override
    public QueueStats stats() {
        return read(c -> {
            Map<MessageState, Long> byState = new EnumMap<>(MessageState.class);
            Map<String, Map<MessageState, Long>> byAgent = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT agent, state, count(*) FROM messages GROUP BY agent, state");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    MessageState s = MessageState.valueOf(rs.getString(2));
                    long n = rs.getLong(3);
                    byState.merge(s, n, Long::sum);
                    byAgent.computeIfAbsent(rs.getString(1), a -> new EnumMap<>(MessageState.class)).put(s, n);
                }
            }
            Set<String> paused = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT agent FROM paused_agents");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    paused.add(rs.getString(1));
                }
            }
            return new QueueStats(byState, byAgent, paused);
        });
    }

    @Override
    public long lastEventSeq() {
        return read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM transitions");
                 ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public List<StatusEvent> eventsAfter(long seq, int limit) {
        return read(c -> {
            List<StatusEvent> out = new ArrayList<>();
            PreparedStatement p = prepare(c, "SELECT seq, message_id, from_state, to_state, at, attempt, method,"
                + " verified, detail FROM transitions WHERE seq > ? ORDER BY seq LIMIT ?");
            p.setLong(1, seq);
            p.setInt(2, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    EventHeaders.Header h = eventHeaders.get(id, this::loadHeader);
                    if (h == null) {
                        continue; // the message was purged since: nobody is left to tell
                    }
                    out.add(new StatusEvent(rs.getLong(1), id, h.correlationId(), h.agent(),
                            state(rs.getString(3)), state(rs.getString(4)), rs.getInt(6), rs.getString(7),
                            bool(rs, 8), rs.getString(9), Instant.ofEpochMilli(rs.getLong(5)), h.sender(),
                            h.origin()));
                }
            }
            return out;
        });
    }

    /** On the read connection (its lock held by {@link #eventsAfter}): a header from the stored payload. */
    private EventHeaders.Header loadHeader(String id) {
        try {
            PreparedStatement p = prepare(readConnection,
                    "SELECT p.payload FROM messages m JOIN payloads p ON p.seq = m.seq WHERE m.id = ?");
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? EventHeaders.Header.of(MessageCodec.decode(rs.getString(1))) : null;
            }
        } catch (SQLException e) {
            throw new QueueException("cannot read a stored message: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Read<T> r) {
        synchronized (readConnection) {
            try {
                return r.run(readConnection);
            } catch (SQLException e) {
                throw new QueueException("cannot read the queue: " + e.getMessage(), e);
            }
        }
    }

    /** A cached prepared statement of whichever of the two connections {@code c} is; never close it. */
    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return c == readConnection ? readStatements.get(sql) : writer.prepared(sql);
    }

    private static MessageState state(String s) {
        return s == null ? null : MessageState.valueOf(s);
    }

    static Boolean bool(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v != 0;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted while waiting for the queue", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new QueueException(cause.getMessage(), cause);
        }
    }

    static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException re ? re : e;
    }

    @Override
    public void close() {
        writer.close();
        checkpointer.close();
        synchronized (readConnection) {
            try {
                readStatements.close();
                readConnection.close();
            } catch (SQLException e) {
                throw new QueueException("cannot close the queue: " + e.getMessage(), e);
            }
        }
    }
}
