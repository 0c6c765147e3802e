package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer: operations queued meanwhile share one transaction; a failing one is undone alone. */
class GroupCommitWriterTest {
    @TempDir
    Path dir;

    private String url;
    private GroupCommitWriter writer;
    private final AtomicInteger commits = new AtomicInteger();

    @BeforeEach
    void setUp() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("w.db");
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE t(x INTEGER)");
        }
        writer = new GroupCommitWriter(c, commits::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    private static GroupCommitWriter.Op<Integer> insert(int x) {
        return c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t(x) VALUES (?)")) {
                p.setInt(1, x);
                return p.executeUpdate();
            }
        };
    }

    private List<Integer> rows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT x FROM t ORDER BY rowid")) {
            List<Integer> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
            return out;
        }
    }

    @Test
    void operationsWaitingTogetherCommitInOneTransactionAndAFailingOneIsRolledBackAlone() throws Exception {
        // GIVEN the writer busy with a first operation, while three more queue up behind it
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = writer.submit(c -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return insert(0).run(c);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> a = writer.submit(insert(1));
        CompletableFuture<Integer> bad = writer.submit(c -> {
            insert(2).run(c);
            throw new IllegalStateException("illegal transition");
        });
        CompletableFuture<Integer> b = writer.submit(insert(3));

        // WHEN the first finishes
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);

        // THEN the three waiting ones went in one more commit; the failing one left nothing behind
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(List.of(0, 1, 3), rows());
        dev.switchboard.core.Await.until(
                java.time.Duration.ofSeconds(10),
                () -> commits.get() == 2,
                () -> commits.get() + " commits"); // the listener runs just after the futures complete
        assertEquals(2, commits.get(), "one commit for the three that waited together");
    }

    @Test
    void noLockIsHeldBetweenBatchesSoAnotherProcessCanWrite() throws Exception {
        writer.submit(insert(1)).get(10, TimeUnit.SECONDS);

        try (Connection other = DriverManager.getConnection(url);
                Statement s = other.createStatement()) {
            s.execute("PRAGMA busy_timeout = 200"); // fail fast if the writer still held the write lock
            s.executeUpdate("INSERT INTO t(x) VALUES (2)");
        }

        writer.submit(insert(3)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(1, 2, 3), rows());
    }

    @Test
    void afterCloseEverythingIsRefused() {
        writer.close();
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> writer.submit(insert(1)).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof QueueClosedException, e.toString());
    }

    @Test
    void aCommitListenerThatThrowsDoesNotStopTheWriter() throws Exception {
        // GIVEN a writer whose commit listener throws on every commit
        writer.close();
        Connection c = DriverManager.getConnection(url);
        writer = new GroupCommitWriter(c, () -> {
            throw new IllegalStateException("a listener's bug");
        });

        // WHEN two operations follow each other, THEN both commit and their callers hear so
        assertEquals(1, writer.submit(insert(1)).get(10, TimeUnit.SECONDS));
        assertEquals(1, writer.submit(insert(2)).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2), rows());
    }

    @Test
    void anErrorInAnOperationFailsItsCallerAndTheWriterGoesOn() throws Exception {
        // GIVEN an operation that throws an Error (not an exception), e.g. out of memory
        CompletableFuture<Integer> broken = writer.submit(c -> {
            throw new AssertionError("an Error inside an operation");
        });

        // THEN its caller is told (not left waiting), and the next operation still commits
        ExecutionException e = assertThrows(ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof QueueException, e.toString());
        assertEquals(1, writer.submit(insert(5)).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(5), rows());
    }
}
