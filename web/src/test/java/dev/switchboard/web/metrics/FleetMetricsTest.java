package dev.switchboard.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Await;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last hour survives a restart (read back from the SQLite log) and live changes reach the sink. */
class FleetMetricsTest {
    private static final Sender ALICE = new Sender(Platform.HTTP, "alice", "alice", Role.OPERATOR);

    @TempDir
    Path dir;

    @Test
    void aRestartReadsTheLastHourBackAndLiveChangesAreCountedOnTop() {
        try (SqliteMessageQueue queue = SqliteMessageQueue.open(dir, 5, new Backoff(1, 2))) {
            // GIVEN a message delivered and read, and one that failed once, before "this process" started
            String read = deliver(queue, "Agent-1", true);
            queue.markRead(read, "test");
            String failing = enqueue(queue, "Agent-2");
            queue.claimNext("Agent-2", "w", Duration.ofSeconds(30));
            queue.markFailed(failing, "gui failed: window 0x1c00007 not found; inbox failed: disk full", false);

            // WHEN the metrics start on that log
            EventBus bus = new EventBus();
            List<String> sink = new CopyOnWriteArrayList<>();
            try (FleetMetrics metrics = new FleetMetrics(queue, bus, Clock.systemUTC(), recording(sink));
                    EventPump pump = new EventPump(queue, bus, 20)) {
                MetricsWindow w = metrics.window();
                // THEN the hour before is there, and nothing of it was handed to the live sink
                assertEquals(1, w.delivered());
                assertEquals(1, w.read());
                assertEquals(1, w.byAgent().get("Agent-2").retries());
                assertEquals(java.util.Map.of("gui failed: window # not found", 1L), w.byErrorClass());
                assertEquals(1, w.latencyMs().get("end_to_end").count());
                assertEquals(1, w.latencyMs().get("time_to_read").count());
                assertEquals(1.0, w.successRate());
                assertEquals(60, w.perMinute().size());
                assertEquals(1, w.perMinute().get(59).delivered());
                assertTrue(sink.isEmpty(), sink.toString());

                // AND a delivery now is counted on top and reaches the sink
                queue.onCommit(pump::wakeUp);
                deliver(queue, "Agent-3", false);
                Await.until(
                        Duration.ofSeconds(10),
                        () -> sink.contains("delivered Agent-3 inbox false"),
                        () -> "sink saw " + sink);
                MetricsWindow after = metrics.window();
                assertEquals(2, after.delivered());
                assertEquals(0.5, after.verifiedRate());
                assertTrue(sink.contains("transition Agent-3 QUEUED"), sink.toString());
            }
        }
    }

    private static String enqueue(SqliteMessageQueue queue, String agent) {
        return queue.enqueue(UnifiedMessage.text(ALICE, agent, "hello", Priority.NORMAL, Origin.of(Platform.HTTP)))
                .id();
    }

    private static String deliver(SqliteMessageQueue queue, String agent, boolean verified) {
        String id = enqueue(queue, agent);
        queue.claimNext(agent, "w", Duration.ofSeconds(30)).orElseThrow();
        queue.markDelivered(id, "inbox", verified, null);
        assertEquals(MessageState.DELIVERED, queue.find(id).orElseThrow().state());
        return id;
    }

    private static FleetMetrics.Sink recording(List<String> seen) {
        return new FleetMetrics.Sink() {
            @Override
            public void transition(String agent, MessageState to) {
                seen.add("transition " + agent + " " + to);
            }

            @Override
            public void delivered(String agent, String method, boolean verified, Long deliveryMs, Long endToEndMs) {
                seen.add("delivered " + agent + " " + method + " " + verified);
            }

            @Override
            public void queueWait(String agent, long ms) {
                seen.add("wait " + agent);
            }

            @Override
            public void read(String agent, long ms) {
                seen.add("read " + agent);
            }

            @Override
            public void failed(String agent, String errorClass, boolean dead) {
                seen.add("failed " + agent + " " + errorClass);
            }
        };
    }
}
