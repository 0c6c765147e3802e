package dev.switchboard.core.queue;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded durable queue: one SQLite file in WAL mode with {@code synchronous=FULL}. All writes go
 * through one {@link GroupCommitWriter}; reads go through a {@link QueueReader} on a connection of their own.
 * Several processes may open the same file (the CLI beside {@code switchboard run}); SQLite's locking and a
 * busy timeout serialise them.
 */
public final class SqliteMessageQueue implements MessageQueue {
    public static final String FILE_NAME = "queue.db";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageQueue.class);

    private final Path dataDir;
    private final QueueReader reader;
    private final GroupCommitWriter writer;
    private final Checkpointer checkpointer;
    private final Clock clock;
    private final RandomGenerator random;
    private final int maxAttempts;
    private final Backoff backoff;
    private final ScheduleStore schedules;
    private final List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param dataDir     folder for {@code queue.db}; created if missing
     * @param maxAttempts delivery attempts before a message is DEAD
     */
    public SqliteMessageQueue(Path dataDir, int maxAttempts, Backoff backoff, Clock clock, RandomGenerator random) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.random = random;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        try {
            if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
                throw new QueueException("the data folder " + dataDir + " is a file, not a folder: set data_dir to"
                        + " a folder, or move the file aside");
            }
            Files.createDirectories(dataDir);
            refuseEmptyFile(dataDir.resolve(FILE_NAME));
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
            this.reader = new QueueReader(open(url, true), clock);
            this.checkpointer = new Checkpointer(open(url, false));
            this.writer = new GroupCommitWriter(writeConnection, this::committed);
            this.schedules = new ScheduleStore(writer, reader, this::insert, clock);
        } catch (SQLException | IOException e) {
            throw new QueueException("cannot open the queue in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Recurring messages, kept in the same database. */
    @Override
    public Schedules schedules() {
        return schedules;
    }

    /**
     * SQLite takes a 0-byte file for a new database and would quietly start an empty queue over the place
     * where the messages were (a truncated or wrongly copied file). A missing file is a fresh start; an empty
     * one needs a person to say so. A write-ahead log beside it means another process is creating it now.
     */
    private static void refuseEmptyFile(Path db) throws IOException {
        if (Files.isRegularFile(db) && Files.size(db) == 0 && !Files.exists(db.resolveSibling(FILE_NAME + "-wal"))) {
            throw new QueueException(db + " is empty (0 bytes), so its messages are gone; to start a new queue on"
                    + " purpose, move it aside (mv " + db + " " + db + ".empty) and start again");
        }
    }

    public static SqliteMessageQueue open(Path dataDir, int maxAttempts, Backoff backoff) {
        return new SqliteMessageQueue(dataDir, maxAttempts, backoff, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    /**
     * A connection of its own to the queue file of {@code dataDir}, with the queue's settings (WAL, full sync,
     * busy timeout), for small side tables (answers, gas state) that are written rarely and need no group
     * commit. Open the queue first: it creates or upgrades the tables.
     */
    public static Connection connect(Path dataDir) {
        try {
            return open("jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath(), false);
        } catch (SQLException e) {
            throw new QueueException("cannot open the queue in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The part of opening the first connection that needs no file, done now: the driver builds a date format
     * for every connection, and the first one loads the JDK's calendar and locale data (about 40 ms, most of
     * it walking the list of every locale the JDK knows). A short-lived process (a CLI call) calls this on a
     * thread of its own while it reads its config, so that opening the queue later does not wait for it.
     */
    public static void prepareDriver() {
        new SQLiteConfig();
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

    /**
     * For the running service: keeps {@code bytes} of disk space aside, given up when the disk is full so that
     * the outcomes of deliveries in progress can still be written while new messages and claims are refused
     * (see {@link SpaceReserve}). The CLI keeps none: it adds work only, and the service owns the data folder.
     */
    public void keepSpaceReserve(long bytes) {
        writer.keep(SpaceReserve.keep(dataDir, bytes));
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
        // Encoded on the caller's thread: the writer thread is the bottleneck.
        String payload = MessageCodec.encode(m);
        m.agent(); // a message not addressed to one agent fails here
        return writer.submitNewWork(c -> insert(m, payload, clock.millis(), null));
    }

    /**
     * Inside a writer operation: stores a new QUEUED message (row, payload, first transition). Also used by
     * {@link ScheduleStore}, so a schedule's firing and its message commit together.
     */
    QueuedMessage insert(UnifiedMessage m, String payload, long now, String detail) throws SQLException {
        {
            PreparedStatement p = sql(Schema.INSERT_MESSAGE);
            p.setNull(1, java.sql.Types.INTEGER);
            p.setString(2, m.id());
            p.setString(3, m.correlationId());
            p.setString(4, m.agent());
            p.setInt(5, m.priority().ordinal());
            p.setString(6, MessageState.QUEUED.name());
            p.setInt(7, 0);
            p.setLong(8, m.notBefore().toEpochMilli());
            p.setNull(9, java.sql.Types.VARCHAR);
            p.setNull(10, java.sql.Types.INTEGER);
            p.setLong(11, m.createdAt().toEpochMilli());
            p.setLong(12, now);
            p.executeUpdate();
        }
        {
            PreparedStatement p = sql(Schema.INSERT_PAYLOAD_OF_LAST);
            p.setString(1, payload);
            p.executeUpdate();
        }
        insertTransition(m.id(), null, MessageState.QUEUED, now, 0, null, null, detail);
        // Before the commit, so the event pump (woken by it) finds the header.
        reader.remember(m);
        return new QueuedMessage(m, MessageState.QUEUED, 0, m.notBefore(), null, null, null, Instant.ofEpochMilli(now));
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
        while (true) {
            List<QueuedMessage> claimed = new ArrayList<>();
            List<Row> unreadable = new ArrayList<>();
            // Decoded on the caller's thread (the writer thread is the bottleneck), so a row that turns out
            // unreadable is dead-lettered in a second step rather than left to be claimed again and again.
            for (Row row : claimRows(agent, worker, lease, max)) {
                try {
                    claimed.add(row.toDeliverable());
                } catch (UnreadableMessageException e) {
                    LOG.error("message {} of {} is dead: {}", row.id(), agent, e.getMessage(), e);
                    unreadable.add(row);
                }
            }
            if (!unreadable.isEmpty()) {
                deadLetterUnreadable(unreadable);
            }
            if (!claimed.isEmpty() || unreadable.isEmpty()) {
                return claimed;
            }
            // Every row taken was unreadable: take the next ones, so one bad row does not cost a poll interval.
        }
    }

    private void deadLetterUnreadable(List<Row> rows) {
        await(writer.submit(c -> {
            long now = clock.millis();
            for (Row claimed : rows) {
                Row r = load(claimed.id());
                if (r.state() == MessageState.DELIVERING) {
                    move(
                            r,
                            MessageState.DEAD,
                            now,
                            UnreadableMessageException.REASON,
                            null,
                            UnreadableMessageException.REASON,
                            r.notBefore());
                }
            }
            return null;
        }));
    }

    private List<Row> claimRows(String agent, String worker, Duration lease, int max) {
        return await(writer.submitNewWork(c -> {
            long now = clock.millis();
            if (Rows.isPaused(writer::prepared, agent)) {
                return List.<Row>of();
            }
            expireLeases(agent, now);
            List<Row> rows = new ArrayList<>();
            {
                PreparedStatement p = sql(Row.SELECT + " WHERE agent = ? AND " + Schema.PENDING
                        + " AND state <> 'DELIVERING' AND not_before <= ? ORDER BY priority, m.seq LIMIT ?");
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
                PreparedStatement p = sql("UPDATE messages SET state = 'DELIVERING', attempts = ?,"
                        + " lease_owner = ?, lease_until = ?, updated_at = ? WHERE id = ?");
                p.setInt(1, attempt);
                p.setString(2, worker);
                p.setLong(3, now + lease.toMillis());
                p.setLong(4, now);
                p.setString(5, row.id());
                p.executeUpdate();
                insertTransition(row.id(), row.state(), MessageState.DELIVERING, now, attempt, null, null, null);
                claimed.add(row.withState(MessageState.DELIVERING, attempt, now));
            }
            return claimed;
        }));
    }

    private void expireLeases(String agent, long now) throws SQLException {
        List<Row> expired = new ArrayList<>();
        {
            PreparedStatement p = sql(Row.SELECT + " WHERE agent = ? AND " + Schema.PENDING
                    + " AND state = 'DELIVERING' AND lease_until < ?");
            p.setString(1, agent);
            p.setLong(2, now);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    expired.add(Row.read(rs));
                }
            }
        }
        for (Row r : expired) {
            move(
                    r,
                    MessageState.QUEUED,
                    now,
                    null,
                    null,
                    "lease expired: the worker stopped mid-delivery" + typingNote(r.id()),
                    now);
        }
    }

    /** For a DELIVERING message being re-queued: says so when its attempt had started typing ({@link #markTyping}). */
    private String typingNote(String id) throws SQLException {
        PreparedStatement p = sql("SELECT method FROM transitions WHERE message_id = ? AND to_state = 'DELIVERING'"
                + " ORDER BY seq DESC LIMIT 1");
        p.setString(1, id);
        try (ResultSet rs = p.executeQuery()) {
            String method = rs.next() ? rs.getString(1) : null;
            return method == null ? "" : "; typing by " + method + " had started, so it is not typed again";
        }
    }

    @Override
    public void markTyping(String id, String method) {
        // Through the space reserve like an outcome: refusing it on a full disk would leave the message claimed.
        await(writer.submit(c -> {
            PreparedStatement p = sql("UPDATE transitions SET method = ? WHERE seq = (SELECT MAX(t.seq) FROM"
                    + " transitions t JOIN messages m ON m.id = t.message_id WHERE t.message_id = ?"
                    + " AND t.to_state = 'DELIVERING' AND m.state = 'DELIVERING')");
            p.setString(1, method);
            p.setString(2, id);
            if (p.executeUpdate() != 1) {
                Row r = load(id); // unknown id, or no longer DELIVERING (its lease ran out): say which
                throw new dev.switchboard.core.message.IllegalTransitionException(
                        id, r.state(), MessageState.DELIVERING);
            }
            return null;
        }));
    }

    @Override
    public Optional<String> interruptedTyping(String id) {
        // ... DELIVERING (typing by m) -> QUEUED (recovered / lease expired) -> DELIVERING (this attempt). Any
        // outcome in between (RETRY_WAIT, DEAD, a retry asked for) ends the chain: that attempt is settled.
        // Cut-off attempts in a row are all looked at: one that was itself cut off before it could record its
        // own typing (a full disk) must not hide the typing of the one before it.
        List<Transition> h = reader.history(id);
        if (h.isEmpty() || h.get(h.size() - 1).to() != MessageState.DELIVERING) {
            return Optional.empty();
        }
        for (int i = h.size() - 2; i >= 1; i -= 2) {
            Transition requeued = h.get(i);
            Transition cut = h.get(i - 1);
            if (requeued.from() != MessageState.DELIVERING
                    || requeued.to() != MessageState.QUEUED
                    || cut.to() != MessageState.DELIVERING) {
                break;
            }
            if (cut.method() != null) {
                return Optional.of(cut.method());
            }
        }
        return Optional.empty();
    }

    @Override
    public QueuedMessage markDelivered(String id, String method, boolean verified, String detail) {
        return await(writer.submit(c -> {
                    delivered(id, method, verified, detail);
                    return load(id);
                }))
                .toQueued(); // the JSON payload is decoded on the caller's thread: the writer thread is the bottleneck
    }

    @Override
    public CompletableFuture<Void> markDeliveredAsync(String id, String method, boolean verified, String detail) {
        return writer.submit(c -> {
            delivered(id, method, verified, detail);
            return null;
        });
    }

    private void delivered(String id, String method, boolean verified, String detail) throws SQLException {
        long now = clock.millis();
        // One statement in the usual case (the message is DELIVERING): no read of the row before the update.
        PreparedStatement p = sql("UPDATE messages SET state = 'DELIVERED', method = ?, verified = ?,"
                + " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'DELIVERING'"
                + " RETURNING attempts");
        p.setString(1, method);
        p.setInt(2, verified ? 1 : 0);
        p.setLong(3, now);
        p.setString(4, id);
        Integer attempts = returnedInt(p);
        if (attempts == null) {
            Row r = load(id); // unknown id, or not DELIVERING: say which
            r.state().checkMoveTo(MessageState.DELIVERED, id);
            throw new IllegalStateException("message " + id + " changed while it was marked delivered");
        }
        insertTransition(id, MessageState.DELIVERING, MessageState.DELIVERED, now, attempts, method, verified, detail);
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
            Row r = load(id);
            long now = clock.millis();
            boolean dead = permanent || r.attempts() >= maxAttempts;
            if (dead) {
                String why = permanent ? reason : "gave up after " + r.attempts() + " attempts: " + reason;
                move(r, MessageState.DEAD, now, reason, null, why, r.notBefore());
            } else {
                long next = now + backoff.delayBefore(r.attempts(), random).toMillis();
                move(r, MessageState.RETRY_WAIT, now, reason, null, reason, next);
            }
            return load(id).toQueued();
        }));
    }

    @Override
    public QueuedMessage postpone(String id, String reason, Instant until) {
        return await(writer.submit(c -> {
            Row r = load(id);
            long now = clock.millis();
            // The claim counted an attempt that was never made: give it back. last_error stays the root cause.
            int attempts = Math.max(0, r.attempts() - 1);
            move(r, MessageState.RETRY_WAIT, now, null, attempts, reason, Math.max(now, until.toEpochMilli()));
            return load(id).toQueued();
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
            PreparedStatement p = sql("UPDATE messages SET state = 'READ', updated_at = ?"
                    + " WHERE id = ? AND state = 'DELIVERED' RETURNING attempts");
            p.setLong(1, now);
            p.setString(2, id);
            Integer attempts = returnedInt(p);
            if (attempts != null) {
                insertTransition(id, MessageState.DELIVERED, MessageState.READ, now, attempts, null, null, via);
                return true;
            }
            Row r = load(id);
            if (r.state() == MessageState.READ) {
                return false;
            }
            move(r, MessageState.READ, now, null, null, via, r.notBefore());
            return true;
        });
    }

    @Override
    public QueuedMessage cancel(String id, String by) {
        return await(writer.submit(c -> {
            Row r = Rows.loadFlexible(writer::prepared, id);
            move(r, MessageState.CANCELLED, clock.millis(), null, null, "cancelled by " + by, r.notBefore());
            return load(r.id()).toQueued();
        }));
    }

    @Override
    public QueuedMessage retry(String id, String by) {
        return await(writer.submit(c -> {
            Row r = Rows.loadFlexible(writer::prepared, id);
            long now = clock.millis();
            r.state().checkMoveTo(MessageState.QUEUED, r.id());
            if (r.state() == MessageState.DELIVERING) {
                throw new dev.switchboard.core.message.IllegalTransitionException(
                        r.id(), r.state(), MessageState.QUEUED);
            }
            move(r, MessageState.QUEUED, now, null, 0, "retry requested by " + by, now);
            return load(r.id()).toQueued();
        }));
    }

    @Override
    public void pause(String agent, String by) {
        await(writer.submit(c -> {
            {
                PreparedStatement p = sql("INSERT OR REPLACE INTO paused_agents(agent, at, by) VALUES (?,?,?)");
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
                PreparedStatement p = sql("DELETE FROM paused_agents WHERE agent = ?");
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
                PreparedStatement p = sql(Row.SELECT + " WHERE " + Schema.PENDING
                        + " AND state = 'DELIVERING' AND (lease_owner IS NULL OR lease_owner NOT LIKE ?)");
                p.setString(1, incarnation + "%");
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Row.read(rs));
                    }
                }
            }
            long now = clock.millis();
            for (Row r : rows) {
                move(r, MessageState.QUEUED, now, null, null, "recovered after restart" + typingNote(r.id()), now);
            }
            return rows.size();
        }));
    }

    @Override
    public int purgeDead() {
        return await(writer.submit(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate(
                        "DELETE FROM transitions WHERE message_id IN (SELECT id FROM messages WHERE state = 'DEAD')");
                s.executeUpdate("DELETE FROM payloads WHERE seq IN (SELECT seq FROM messages WHERE state = 'DEAD')");
                return s.executeUpdate("DELETE FROM messages WHERE state = 'DEAD'");
            }
        }));
    }

    /** Moves a row to {@code to}, clearing the lease, and logs the transition. */
    private void move(Row r, MessageState to, long now, String error, Integer attempts, String detail, long notBefore)
            throws SQLException {
        r.state().checkMoveTo(to, r.id());
        int attempt = attempts == null ? r.attempts() : attempts;
        {
            PreparedStatement p = sql("UPDATE messages SET state = ?, attempts = ?, not_before = ?,"
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
        insertTransition(r.id(), r.state(), to, now, attempt, null, null, detail);
    }

    private void insertTransition(
            String id,
            MessageState from,
            MessageState to,
            long at,
            int attempt,
            String method,
            Boolean verified,
            String detail)
            throws SQLException {
        {
            PreparedStatement p = sql(Schema.INSERT_TRANSITION);
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

    // ---------------------------------------------------------------- reads (on the reader's connection)

    @Override
    public boolean hasReady(String agent) {
        return reader.hasReady(agent);
    }

    @Override
    public boolean isPaused(String agent) {
        return reader.isPaused(agent);
    }

    @Override
    public Optional<QueuedMessage> find(String idOrShort) {
        return reader.find(idOrShort);
    }

    @Override
    public List<Transition> history(String id) {
        return reader.history(id);
    }

    @Override
    public List<QueuedMessage> list(Collection<MessageState> states, String agent, int limit) {
        return reader.list(states, agent, limit);
    }

    @Override
    public QueueStats stats() {
        return reader.stats();
    }

    @Override
    public long lastEventSeq() {
        return reader.lastEventSeq();
    }

    @Override
    public List<StatusEvent> eventsAfter(long seq, int limit) {
        return reader.eventsAfter(seq, limit);
    }

    /** A cached statement of the writer's connection, for operations (they run on the writer thread). */
    private PreparedStatement sql(String sql) throws SQLException {
        return writer.prepared(sql);
    }

    private Row load(String id) throws SQLException {
        return Rows.load(writer::prepared, id);
    }

    private static <T> T await(CompletableFuture<T> f) {
        return QueueWaits.await(f);
    }

    @Override
    public void close() {
        writer.close();
        checkpointer.close();
        reader.close();
    }
}
