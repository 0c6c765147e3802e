package dev.switchboard.core.queue;

import static dev.switchboard.core.queue.Rows.bool;
import static dev.switchboard.core.queue.Rows.state;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.UnifiedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
import java.util.stream.Collectors;

/**
 * The queue's reads, on a connection of their own (in WAL mode a reader never blocks the writer), one at a
 * time. Also turns the transition log into status events.
 */
final class QueueReader implements AutoCloseable {
    private final Connection connection;
    private final StatementCache statements;
    private final Clock clock;
    /** Correlation, agent, sender and origin of the messages in flight, so events need no payload decoded. */
    private final EventHeaders eventHeaders = new EventHeaders(8_192);

    QueueReader(Connection connection, Clock clock) {
        this.connection = connection;
        this.statements = new StatementCache(connection);
        this.clock = clock;
    }

    /** A message this process is enqueueing: its events will not need its payload read back. */
    void remember(UnifiedMessage m) {
        eventHeaders.remember(m);
    }

    boolean hasReady(String agent) {
        return read(() -> {
            if (Rows.isPaused(statements::get, agent)) {
                return false;
            }
            long now = clock.millis();
            PreparedStatement p = statements.get("SELECT 1 FROM messages WHERE agent = ? AND "
                    + Schema.PENDING + " AND ((state <> 'DELIVERING' AND not_before <= ?)"
                    + " OR (state = 'DELIVERING' AND lease_until < ?)) LIMIT 1");
            p.setString(1, agent);
            p.setLong(2, now);
            p.setLong(3, now);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        });
    }

    boolean isPaused(String agent) {
        return read(() -> Rows.isPaused(statements::get, agent));
    }

    Optional<QueuedMessage> find(String idOrShort) {
        return read(() -> {
            try {
                return Optional.of(Rows.loadFlexible(statements::get, idOrShort).toQueued());
            } catch (UnknownMessageException e) {
                if (e.getMessage().contains("several")) {
                    throw e;
                }
                return Optional.empty();
            }
        });
    }

    List<Transition> history(String id) {
        return read(() -> {
            List<Transition> out = new ArrayList<>();
            PreparedStatement p = statements.get("SELECT seq, message_id, from_state, to_state, at, attempt,"
                    + " method, verified, detail FROM transitions WHERE message_id = ? ORDER BY seq");
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Transition(
                            rs.getLong(1),
                            rs.getString(2),
                            state(rs.getString(3)),
                            state(rs.getString(4)),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            rs.getInt(6),
                            rs.getString(7),
                            bool(rs, 8),
                            rs.getString(9)));
                }
            }
            return out;
        });
    }

    List<QueuedMessage> list(Collection<MessageState> states, String agent, int limit) {
        return read(() -> {
            StringBuilder sql = new StringBuilder(Row.SELECT + " WHERE 1=1");
            if (!states.isEmpty()) {
                sql.append(" AND state IN (")
                        .append(states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(",")))
                        .append(')');
            }
            if (agent != null) {
                sql.append(" AND agent = ?");
            }
            sql.append(" ORDER BY m.seq DESC LIMIT ?");
            try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
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

    QueueStats stats() {
        return read(() -> {
            Map<MessageState, Long> byState = new EnumMap<>(MessageState.class);
            Map<String, Map<MessageState, Long>> byAgent = new TreeMap<>();
            try (PreparedStatement p = connection.prepareStatement(
                            "SELECT agent, state, count(*) FROM messages GROUP BY agent, state");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    MessageState s = MessageState.valueOf(rs.getString(2));
                    long n = rs.getLong(3);
                    byState.merge(s, n, Long::sum);
                    byAgent.computeIfAbsent(rs.getString(1), a -> new EnumMap<>(MessageState.class))
                            .put(s, n);
                }
            }
            Set<String> paused = new HashSet<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT agent FROM paused_agents");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    paused.add(rs.getString(1));
                }
            }
            return new QueueStats(byState, byAgent, paused);
        });
    }

    long lastEventSeq() {
        return read(() -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM transitions");
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    List<StatusEvent> eventsAfter(long seq, int limit) {
        return read(() -> {
            List<StatusEvent> out = new ArrayList<>();
            PreparedStatement p = statements.get("SELECT seq, message_id, from_state, to_state, at, attempt, method,"
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
                    out.add(new StatusEvent(
                            rs.getLong(1),
                            id,
                            h.correlationId(),
                            h.agent(),
                            state(rs.getString(3)),
                            state(rs.getString(4)),
                            rs.getInt(6),
                            rs.getString(7),
                            bool(rs, 8),
                            rs.getString(9),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            h.sender(),
                            h.origin()));
                }
            }
            return out;
        });
    }

    /** Inside {@link #eventsAfter} (the connection's lock held): a header from the stored payload. */
    private EventHeaders.Header loadHeader(String id) {
        try {
            PreparedStatement p = statements.get(Row.SELECT + " WHERE m.id = ?");
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Row row = Row.read(rs);
                try {
                    return EventHeaders.Header.of(MessageCodec.decode(row.payload()));
                } catch (UnreadableMessageException e) {
                    // Its events still go out (to nobody's chat: the origin is in the unreadable part).
                    return EventHeaders.Header.of(row.placeholder());
                }
            }
        } catch (SQLException e) {
            throw new QueueException("cannot read a stored message: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface Read<T> {
        T run() throws SQLException;
    }

    /** A cached statement of the reader's connection; only inside {@link #read}. */
    PreparedStatement statement(String sql) throws SQLException {
        return statements.get(sql);
    }

    /** Runs reads on this connection, one caller at a time (also for {@link ScheduleStore}). */
    <T> T read(Read<T> r) {
        synchronized (connection) {
            try {
                return r.run();
            } catch (SQLException e) {
                throw new QueueException("cannot read the queue: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (connection) {
            try {
                statements.close();
                connection.close();
            } catch (SQLException e) {
                throw new QueueException("cannot close the queue: " + e.getMessage(), e);
            }
        }
    }
}
