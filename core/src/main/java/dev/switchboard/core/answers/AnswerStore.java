package dev.switchboard.core.answers;

import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code answers} table of {@code queue.db}. Answers are few (people read them), so each write is its own
 * small transaction on a connection of this store's own; several processes (the CLI's {@code reply} beside
 * {@code run}) share the table through SQLite's locking.
 */
public final class AnswerStore implements AutoCloseable {
    private final Connection connection;

    private AnswerStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens the table in {@code dataDir}'s queue; open the queue itself first (it creates the tables). */
    public static AnswerStore open(Path dataDir) {
        return new AnswerStore(SqliteMessageQueue.connect(dataDir));
    }

    /** Stores an answer; returns after the commit. */
    public synchronized void add(Answer a) {
        try (PreparedStatement p = connection.prepareStatement("""
                INSERT INTO answers(id, kind, agent, reply_to, destination, origin_guild, origin_channel,
                                    origin_message, origin_thread, body, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?)""")) {
            Origin o = a.origin();
            p.setString(1, a.id());
            p.setString(2, a.kind().name());
            p.setString(3, a.agent());
            p.setString(4, a.replyTo());
            p.setString(5, a.destination().name());
            p.setString(6, o == null ? null : o.guildId());
            p.setString(7, o == null ? null : o.channelId());
            p.setString(8, o == null ? null : o.messageId());
            p.setString(9, o == null ? null : o.threadId());
            p.setString(10, a.body());
            p.setLong(11, a.createdAt().toEpochMilli());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("could not store an answer of " + a.agent() + ": " + e.getMessage(), e);
        }
    }

    /** Answers not posted yet for these destinations, oldest first. */
    public synchronized List<Answer> waiting(Collection<Destination> destinations, int limit) {
        if (destinations.isEmpty()) {
            return List.of();
        }
        String in = destinations.stream().map(d -> "'" + d.name() + "'").collect(Collectors.joining(","));
        try (PreparedStatement p = connection.prepareStatement("SELECT id, kind, agent, reply_to, destination,"
                + " origin_guild, origin_channel, origin_message, origin_thread, body, created_at FROM answers"
                + " WHERE posted_at IS NULL AND destination IN (" + in + ") ORDER BY seq LIMIT ?")) {
            p.setInt(1, limit);
            List<Answer> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Destination d = Destination.valueOf(rs.getString(5));
                    Origin origin = rs.getString(7) == null && rs.getString(8) == null
                            ? null
                            : new Origin(
                                    platformOf(d), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
                    out.add(new Answer(
                            rs.getString(1),
                            Answer.Kind.valueOf(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            d,
                            origin,
                            rs.getString(10),
                            Instant.ofEpochMilli(rs.getLong(11))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("could not read waiting answers: " + e.getMessage(), e);
        }
    }

    /** @return false if it was already posted (by another bridge, or before a restart) */
    public synchronized boolean markPosted(String id, String via, Instant at) {
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE answers SET posted_at = ?, posted_via = ? WHERE id = ? AND posted_at IS NULL")) {
            p.setLong(1, at.toEpochMilli());
            p.setString(2, via);
            p.setString(3, id);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new QueueException("could not mark answer " + id + " posted: " + e.getMessage(), e);
        }
    }

    /** How many answers wait, for any destination. */
    public synchronized int countWaiting() {
        try (PreparedStatement p = connection.prepareStatement("SELECT count(*) FROM answers WHERE posted_at IS NULL");
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new QueueException("could not count answers: " + e.getMessage(), e);
        }
    }

    private static Platform platformOf(Destination d) {
        return switch (d) {
            case DISCORD -> Platform.DISCORD;
            case TWITCH -> Platform.TWITCH;
            case CONSOLE -> Platform.CONSOLE;
            case HTTP -> Platform.HTTP;
            case STATUS -> Platform.SYSTEM;
        };
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new QueueException("could not close the answers table: " + e.getMessage(), e);
        }
    }
}
