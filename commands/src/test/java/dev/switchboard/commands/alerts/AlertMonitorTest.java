package dev.switchboard.commands.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AlertsConfig;
import dev.switchboard.core.MutableClock;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert rules on a real SQLite queue and its status events, with a hand-moved clock. */
class AlertMonitorTest {
    private static final Sender ALICE = new Sender(Platform.DISCORD, "1001", "alice", Role.OPERATOR);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final List<String> breakers = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> bridges = new ConcurrentHashMap<>();
    private final List<AlertEvent> seen = new ArrayList<>();
    private SqliteMessageQueue queue;
    private QueueSignals signals;
    private long seq;

    @BeforeEach
    void setUp() {
        queue = new SqliteMessageQueue(dir.resolve("data"), 3, new Backoff(10, 100), clock, () -> 0L);
        signals = new QueueSignals();
    }

    @AfterEach
    void tearDown() {
        queue.close();
    }

    private AlertMonitor monitor(AlertsConfig rules) {
        AlertMonitor m = new AlertMonitor(
                () -> rules, FleetSignals.of(signals, () -> List.copyOf(breakers), () -> Map.copyOf(bridges)), clock);
        m.subscribe(seen::add);
        return m;
    }

    /** What the event pump does in the service: committed transitions to the subscriber. */
    private void pump() {
        for (StatusEvent e : queue.eventsAfter(seq, 1_000)) {
            signals.accept(e);
            seq = e.seq();
        }
    }

    private String send(String agent) {
        String id = MessageIds.newId();
        queue.enqueue(new UnifiedMessage(
                id,
                id,
                ALICE,
                Recipient.agent(agent),
                MessageType.TEXT,
                Priority.NORMAL,
                "hello",
                null,
                null,
                Origin.of(Platform.DISCORD),
                clock.instant(),
                null));
        queue.claimNext(agent, "w", Duration.ofSeconds(30)).orElseThrow();
        return id;
    }

    private static List<String> kinds(List<AlertEvent> events) {
        return events.stream().map(e -> e.kind() + " " + e.alert().key()).toList();
    }

    @Test
    void deadLetterAlertFiresOnceAndClearsOnceWhenItLeavesTheWindow() {
        // GIVEN the rule: 1 dead letter in 10 minutes
        AlertMonitor monitor = monitor(new AlertsConfig(new AlertsConfig.DeadLetters(1, 10), false, 0, 0, 15));
        assertEquals(List.of(), monitor.evaluate());

        // WHEN a message goes dead
        queue.markFailed(send("Agent-3"), "cannot write", true);
        pump();

        // THEN one alert fires, and looking again says nothing new while it lasts
        List<AlertEvent> fired = monitor.evaluate();
        assertEquals(List.of("FIRED dead_letters"), kinds(fired));
        assertTrue(
                fired.get(0).announcement().startsWith("🚨 alert: 1 dead letter in the last 10 min"),
                fired.get(0).announcement());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), monitor.evaluate());
        assertEquals(1, monitor.active().size());

        // WHEN the dead letter is older than the window THEN it clears once, announced
        clock.advance(Duration.ofMinutes(6));
        List<AlertEvent> cleared = monitor.evaluate();
        assertEquals(List.of("CLEARED dead_letters"), kinds(cleared));
        assertTrue(
                cleared.get(0).announcement().startsWith("✅ alert cleared after 11 min: 1 dead letter"),
                cleared.get(0).announcement());
        assertEquals(List.of(), monitor.evaluate());
        assertEquals(List.of(), monitor.active());
        assertEquals(List.of("FIRED dead_letters", "CLEARED dead_letters"), kinds(seen));
    }

    @Test
    void deadLettersFromBeforeTheStartCountAfterTheSeed() {
        queue.markFailed(send("Agent-1"), "x", true);
        queue.markFailed(send("Agent-2"), "y", true);
        signals.seed(queue, clock.instant());
        AlertMonitor monitor = monitor(new AlertsConfig(new AlertsConfig.DeadLetters(2, 10), false, 0, 0, 15));
        List<AlertEvent> fired = monitor.evaluate();
        assertEquals(List.of("FIRED dead_letters"), kinds(fired));
        assertTrue(
                fired.get(0).alert().text().startsWith("2 dead letters"),
                fired.get(0).alert().text());
    }

    @Test
    void unreadInboxMessageAlertsAfterTheLimitAndClearsWhenRead() {
        AlertMonitor monitor = monitor(new AlertsConfig(new AlertsConfig.DeadLetters(0, 10), false, 30, 0, 15));
        String inbox = send("Agent-1");
        queue.markDelivered(inbox, "inbox", true, null);
        String gui = send("Agent-2");
        queue.markDelivered(gui, "gui", true, null); // a window has no "read": never counted
        pump();

        clock.advance(Duration.ofMinutes(29));
        assertEquals(List.of(), monitor.evaluate());
        clock.advance(Duration.ofMinutes(2));
        List<AlertEvent> fired = monitor.evaluate();
        assertEquals(List.of("FIRED unread"), kinds(fired));
        assertTrue(
                fired.get(0).alert().text().contains("#" + MessageIds.shortForm(inbox) + " to Agent-1"),
                fired.get(0).alert().text());
        assertTrue(
                fired.get(0).alert().text().startsWith("1 message delivered"),
                fired.get(0).alert().text());

        queue.markRead(inbox, "moved to processed/");
        pump();
        assertEquals(List.of("CLEARED unread"), kinds(monitor.evaluate()));
        assertEquals(List.of(), monitor.evaluate());
    }

    @Test
    void eachOpenBreakerIsItsOwnAlert() {
        AlertMonitor monitor = monitor(new AlertsConfig(new AlertsConfig.DeadLetters(0, 10), true, 0, 0, 15));
        breakers.add("Agent-2/gui");
        assertEquals(List.of("FIRED breaker:Agent-2/gui"), kinds(monitor.evaluate()));
        breakers.add("Agent-4/tmux");
        assertEquals(List.of("FIRED breaker:Agent-4/tmux"), kinds(monitor.evaluate()));
        breakers.remove("Agent-2/gui");
        assertEquals(List.of("CLEARED breaker:Agent-2/gui"), kinds(monitor.evaluate()));
        assertEquals(
                List.of("breaker:Agent-4/tmux"),
                monitor.active().stream().map(Alert::key).toList());
    }

    @Test
    void bridgeDownAlertsOnlyAfterTheLimitAndClearsOnReconnect() {
        AlertMonitor monitor = monitor(new AlertsConfig(new AlertsConfig.DeadLetters(0, 10), false, 0, 5, 15));
        bridges.put("discord", true);
        assertEquals(List.of(), monitor.evaluate());
        bridges.put("discord", false);
        assertEquals(List.of(), monitor.evaluate()); // first seen down now
        clock.advance(Duration.ofMinutes(4));
        assertEquals(List.of(), monitor.evaluate());
        clock.advance(Duration.ofMinutes(1));
        List<AlertEvent> fired = monitor.evaluate();
        assertEquals(List.of("FIRED bridge_down:discord"), kinds(fired));
        assertTrue(
                fired.get(0).alert().text().startsWith("discord bridge disconnected since 10:00 UTC"),
                fired.get(0).alert().text());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(), monitor.evaluate());
        bridges.put("discord", true);
        assertEquals(List.of("CLEARED bridge_down:discord"), kinds(monitor.evaluate()));
        // a short drop afterwards starts counting anew
        bridges.put("discord", false);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), monitor.evaluate());
    }

    @Test
    void rulesSetToZeroOrFalseNeverFire() {
        AlertMonitor monitor = monitor(new AlertsConfig(new AlertsConfig.DeadLetters(0, 10), false, 0, 0, 15));
        queue.markFailed(send("Agent-1"), "x", true);
        pump();
        breakers.add("Agent-1/gui");
        bridges.put("twitch", false);
        clock.advance(Duration.ofHours(2));
        assertEquals(List.of(), monitor.evaluate());
        assertEquals(List.of(), seen);
    }
}
