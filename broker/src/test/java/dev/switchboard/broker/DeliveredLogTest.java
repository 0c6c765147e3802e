package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's job log on a real SQLite file: steps written together from many threads are committed together. */
class DeliveredLogTest {
    @TempDir
    Path dir;

    /** What another process (the next node after a crash) would read from the file. */
    private static String stageInFile(Path file, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement p = c.prepareStatement("SELECT stage FROM jobs WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void everyStepIsInTheFileWhenItReturnsWhateverElseIsBeingWritten() throws Exception {
        Path file = dir.resolve("node.db");
        int threads = 8;
        int jobs = 60;
        try (DeliveredLog log = new DeliveredLog(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String agent = "Agent-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < jobs; i++) {
                        String id = agent + "-" + i;
                        // GIVEN/WHEN each step returns
                        log.started(id, agent);
                        // THEN it is committed: another connection sees it, as would the node after a crash
                        assertEquals("STARTED", stageInFile(file, id), id);
                        log.done(id, true, "inbox", true, "file in place", false);
                        assertEquals("DONE", stageInFile(file, id), id);
                        if (i % 10 == 0) {
                            log.read(id);
                            assertEquals("READ", stageInFile(file, id), id);
                        } else if (i % 10 == 1) {
                            log.forget(id);
                            assertEquals(null, stageInFile(file, id), id);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        try (DeliveredLog reopened = new DeliveredLog(file)) {
            DeliveredLog.Entry e = reopened.find("Agent-3-5").orElseThrow();
            assertEquals(DeliveredLog.Stage.DONE, e.stage());
            assertTrue(e.delivered());
            assertEquals("inbox", e.method());
            assertEquals(
                    DeliveredLog.Stage.READ,
                    reopened.find("Agent-7-20").orElseThrow().stage());
            assertTrue(reopened.find("Agent-0-11").isEmpty(), "forgotten");
        }
    }

    @Test
    void stepsForSeveralJobsAreAllInTheFileWhenTheyReturnWithOrWithoutASyncOfTheirOwn() throws Exception {
        Path file = dir.resolve("node.db");
        try (DeliveredLog log = new DeliveredLog(file)) {
            // GIVEN/WHEN a batch of jobs is started without a sync of its own (an inbox-only agent's)
            log.started(List.of("m-1", "m-2", "m-3"), "Agent-1", false);
            // THEN each is in the file already: a node started after a kill finds them
            for (String id : List.of("m-1", "m-2", "m-3")) {
                assertEquals("STARTED", stageInFile(file, id), id);
            }
            // AND a durable step after it (here a durable start of another agent's job) keeps working in order
            log.started(List.of("t-1"), "Agent-2", true);
            // WHEN their outcomes are recorded together, and a failed one is forgotten after its report
            log.done(List.of(
                    new DeliveredLog.Done("m-1", true, "inbox", true, null, false),
                    new DeliveredLog.Done("m-2", false, null, false, "disk full", false),
                    new DeliveredLog.Done("m-3", true, "inbox", true, "already in the inbox", false)));
            log.forget(List.of("m-2"));
            // THEN the file holds each outcome
            assertEquals("DONE", stageInFile(file, "m-1"));
            assertEquals(null, stageInFile(file, "m-2"));
            assertEquals("DONE", stageInFile(file, "m-3"));
            assertEquals("STARTED", stageInFile(file, "t-1"));
        }
        try (DeliveredLog reopened = new DeliveredLog(file)) {
            DeliveredLog.Entry e = reopened.find("m-3").orElseThrow();
            assertTrue(e.delivered());
            assertEquals("already in the inbox", e.detail());
        }
    }

    @Test
    void aStepAfterCloseFailsRatherThanWaiting() throws Exception {
        DeliveredLog log = new DeliveredLog(dir.resolve("node.db"));
        log.started("m-1", "Agent-1");
        log.close();
        assertThrows(SQLException.class, () -> log.done("m-1", true, "inbox", true, null, false));
        assertEquals("STARTED", stageInFile(dir.resolve("node.db"), "m-1"));
    }
}
