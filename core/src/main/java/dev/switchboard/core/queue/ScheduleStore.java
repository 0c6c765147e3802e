package dev.switchboard.core.queue;

import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.UnifiedMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@link Schedules} in the queue's SQLite file, table {@code schedules}. Writes run on the queue's writer
 * thread, so firing a schedule and inserting its message are one transaction.
 */
final class ScheduleStore implements Schedules {
    /** Inserts a message inside a writer operation (the queue's own insert). */
    @FunctionalInterface
    interface Inserter {
        QueuedMessage insert(UnifiedMessage m, String payload, long now, String detail) throws SQLException;
    }

    private static final String COLUMNS = "id, agent, every_ms, next_at, template, created_at, created_by, fired";

    private final GroupCommitWriter writer;
    private final QueueReader reader;
    private final Inserter inserter;
    private final Clock clock;

    ScheduleStore(GroupCommitWriter writer, QueueReader reader, Inserter inserter, Clock clock) {
        this.writer = writer;
        this.reader = reader;
        this.inserter = inserter;
        this.clock = clock;
    }

    /** The table; called by {@link Schema} for new files and when migrating older ones. */
    static void createTable(Statement s) throws SQLException {
        s.execute("""
                CREATE TABLE IF NOT EXISTS schedules (
                  id TEXT PRIMARY KEY,
                  agent TEXT NOT NULL,
                  every_ms INTEGER NOT NULL,
                  next_at INTEGER NOT NULL,
                  template TEXT NOT NULL,
                  created_at INTEGER NOT NULL,
                  created_by TEXT,
                  fired INTEGER NOT NULL DEFAULT 0)""");
        s.execute("CREATE INDEX IF NOT EXISTS schedules_next ON schedules(next_at)");
    }

    @Override
    public Schedule add(UnifiedMessage template, Duration every, Instant firstAt, String by) {
        if (every.compareTo(MIN_PERIOD) < 0) {
            throw new IllegalArgumentException(
                    "a schedule repeats at most once a minute (got every " + every.toSeconds() + " s)");
        }
        String payload = MessageCodec.encode(template);
        Schedule schedule = new Schedule(
                MessageIds.newId(),
                template.agent(),
                every,
                firstAt,
                template,
                Instant.ofEpochMilli(clock.millis()),
                by,
                0);
        return await(writer.submitNewWork(c -> {
            PreparedStatement p = writer.prepared("INSERT INTO schedules(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,0)");
            p.setString(1, schedule.id());
            p.setString(2, schedule.agent());
            p.setLong(3, every.toMillis());
            p.setLong(4, firstAt.toEpochMilli());
            p.setString(5, payload);
            p.setLong(6, schedule.createdAt().toEpochMilli());
            p.setString(7, by);
            p.executeUpdate();
            return schedule;
        }));
    }

    @Override
    public List<Schedule> list(String agent) {
        return reader.read(() -> {
            PreparedStatement p = reader.statement(
                    "SELECT " + COLUMNS + " FROM schedules" + " WHERE (? IS NULL OR agent = ?) ORDER BY next_at, id");
            p.setString(1, agent);
            p.setString(2, agent);
            return readAll(p);
        });
    }

    @Override
    public Optional<Schedule> find(String idOrShort) {
        String key = key(idOrShort);
        if (key == null) {
            return Optional.empty();
        }
        List<Schedule> found = reader.read(() -> {
            PreparedStatement p = reader.statement(
                    "SELECT " + COLUMNS + " FROM schedules" + " WHERE id = ? OR id LIKE ? OR id LIKE ? LIMIT 2");
            p.setString(1, key);
            p.setString(2, "%" + key);
            p.setString(3, key + "%");
            return readAll(p);
        });
        if (found.size() > 1) {
            throw new UnknownMessageException("#" + key + " matches several schedules; give more of the id");
        }
        return found.stream().findFirst();
    }

    @Override
    public Schedule cancel(String idOrShort, String by) {
        Schedule s = find(idOrShort).orElseThrow(() -> new UnknownMessageException("no schedule matches " + idOrShort));
        int deleted = await(writer.submit(c -> {
            PreparedStatement p = writer.prepared("DELETE FROM schedules WHERE id = ?");
            p.setString(1, s.id());
            return p.executeUpdate();
        }));
        if (deleted == 0) {
            throw new UnknownMessageException("schedule #" + MessageIds.shortForm(s.id()) + " was cancelled already");
        }
        return s;
    }

    @Override
    public List<Fired> fireDue() {
        return await(writer.submitNewWork(c -> {
            long now = clock.millis();
            PreparedStatement due = writer.prepared(
                    "SELECT " + COLUMNS + " FROM schedules WHERE next_at <= ?" + " ORDER BY next_at, id");
            due.setLong(1, now);
            List<Schedule> schedules = readAll(due);
            List<Fired> fired = new ArrayList<>();
            for (Schedule s : schedules) {
                UnifiedMessage copy = copyOf(s, now);
                QueuedMessage q = inserter.insert(
                        copy,
                        MessageCodec.encode(copy),
                        now,
                        "scheduled: every " + Schedule.describe(s.every()) + " (schedule #"
                                + MessageIds.shortForm(s.id()) + ")");
                long next =
                        Schedule.nextAfter(s.nextAt().toEpochMilli(), s.every().toMillis(), now);
                PreparedStatement p =
                        writer.prepared("UPDATE schedules SET next_at = ?, fired = fired + 1 WHERE id = ?");
                p.setLong(1, next);
                p.setString(2, s.id());
                p.executeUpdate();
                fired.add(new Fired(
                        new Schedule(
                                s.id(),
                                s.agent(),
                                s.every(),
                                Instant.ofEpochMilli(next),
                                s.template(),
                                s.createdAt(),
                                s.createdBy(),
                                s.fired() + 1),
                        q));
            }
            return fired;
        }));
    }

    @Override
    public List<QueuedMessage> waiting(String agent, int limit) {
        return reader.read(() -> {
            PreparedStatement p = reader.statement(Row.SELECT + " WHERE m.state = 'QUEUED' AND m.not_before > ?"
                    + " AND (? IS NULL OR m.agent = ?) ORDER BY m.not_before, m.seq LIMIT ?");
            p.setLong(1, clock.millis());
            p.setString(2, agent);
            p.setString(3, agent);
            p.setInt(4, limit);
            List<QueuedMessage> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(Row.read(rs).toQueued());
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        return reader.read(() -> {
            PreparedStatement p = reader.statement("SELECT MIN(next_at) FROM schedules");
            try (ResultSet rs = p.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(v));
            }
        });
    }

    /** A fresh message from the template: its own id, created and deliverable now, tagged with the schedule. */
    private static UnifiedMessage copyOf(Schedule s, long now) {
        UnifiedMessage t = s.template();
        String id = MessageIds.newId();
        Map<String, String> metadata = new HashMap<>(t.metadata());
        metadata.put("schedule", s.id());
        Instant at = Instant.ofEpochMilli(now);
        return new UnifiedMessage(
                id,
                id,
                t.sender(),
                t.recipient(),
                t.type(),
                t.priority(),
                t.body(),
                t.tags(),
                metadata,
                t.origin(),
                at,
                at);
    }

    private static String key(String idOrShort) {
        String k = idOrShort.trim().toLowerCase(Locale.ROOT);
        if (k.startsWith("#")) {
            k = k.substring(1);
        }
        return k.matches("[0-9a-f-]{4,36}") ? k : null;
    }

    private static List<Schedule> readAll(PreparedStatement p) throws SQLException {
        List<Schedule> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new Schedule(
                        rs.getString(1),
                        rs.getString(2),
                        Duration.ofMillis(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        MessageCodec.decode(rs.getString(5)),
                        Instant.ofEpochMilli(rs.getLong(6)),
                        rs.getString(7),
                        rs.getLong(8)));
            }
        }
        return out;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted while waiting for the queue", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new QueueException(e.getCause().getMessage(), e.getCause());
        }
    }
}
