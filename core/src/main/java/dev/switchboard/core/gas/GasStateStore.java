package dev.switchboard.core.gas;

import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code gas_state} table of {@code queue.db}: one row per agent, rewritten on each change. */
public final class GasStateStore implements AutoCloseable {
    private final Connection connection;

    private GasStateStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens the table in {@code dataDir}'s queue; open the queue itself first (it creates the tables). */
    public static GasStateStore open(Path dataDir) {
        return new GasStateStore(SqliteMessageQueue.connect(dataDir));
    }

    public synchronized Optional<GasState> get(String agent) {
        try (PreparedStatement p = connection.prepareStatement("SELECT task, fired, progress, status_stamp,"
                + " last_activity, last_prompt, last_prompt_kind, task_since FROM gas_state WHERE agent = ?")) {
            p.setString(1, agent);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<Integer> fired = rs.getString(2).isEmpty()
                        ? Set.of()
                        : Arrays.stream(rs.getString(2).split(","))
                                .map(Integer::valueOf)
                                .collect(Collectors.toSet());
                Integer progress = rs.getObject(3) == null ? null : rs.getInt(3);
                Instant lastPrompt = rs.getObject(6) == null ? null : Instant.ofEpochMilli(rs.getLong(6));
                Instant since = rs.getObject(8) == null ? null : Instant.ofEpochMilli(rs.getLong(8));
                return Optional.of(new GasState(
                        agent,
                        rs.getString(1),
                        since,
                        fired,
                        progress,
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        lastPrompt,
                        rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new QueueException("could not read the gas state of " + agent + ": " + e.getMessage(), e);
        }
    }

    /** Stores the state; returns after the commit. */
    public synchronized void put(GasState s) {
        try (PreparedStatement p = connection.prepareStatement("""
                INSERT OR REPLACE INTO gas_state(agent, task, fired, progress, status_stamp, last_activity,
                                                 last_prompt, last_prompt_kind, task_since)
                VALUES (?,?,?,?,?,?,?,?,?)""")) {
            p.setString(1, s.agent());
            p.setString(2, s.task());
            p.setString(3, s.fired().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
            p.setObject(4, s.progress());
            p.setString(5, s.statusStamp());
            p.setLong(6, s.lastActivity().toEpochMilli());
            p.setObject(7, s.lastPrompt() == null ? null : s.lastPrompt().toEpochMilli());
            p.setString(8, s.lastPromptKind());
            p.setObject(9, s.taskSince() == null ? null : s.taskSince().toEpochMilli());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("could not store the gas state of " + s.agent() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new QueueException("could not close the gas table: " + e.getMessage(), e);
        }
    }
}
