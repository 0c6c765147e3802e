package dev.switchboard.core.queue;

import static dev.switchboard.core.queue.QueueFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.MutableClock;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.UnifiedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules on a real SQLite file: durable across a reopen, fired once per due period, cancelled for good. */
class ScheduleStoreTest {
    private static final Duration LEASE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void aScheduleMissedForManyPeriodsFiresOnceAfterAReopenThenKeepsItsRhythm() {
        // GIVEN a schedule every hour, first in an hour, set before Switchboard stops
        UnifiedMessage template = message(clock, "Agent-2", Priority.HIGH, "stand-up: what are you on?");
        Instant first = clock.instant().plus(Duration.ofHours(1));
        String id;
        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            id = queue.schedules()
                    .add(template, Duration.ofHours(1), first, "alice")
                    .id();
            assertEquals(List.of(), queue.schedules().fireDue(), "nothing is due yet");
        }

        // WHEN it stays down for five and a half hours and opens the file again
        clock.advance(Duration.ofMinutes(60 * 5 + 30));
        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            List<Schedules.Fired> fired = queue.schedules().fireDue();

            // THEN one copy is queued (not five), exact, and the next one is at the next hour boundary
            assertEquals(1, fired.size());
            UnifiedMessage copy = fired.get(0).message().message();
            assertEquals("stand-up: what are you on?", copy.body());
            assertEquals(Priority.HIGH, copy.priority());
            assertEquals(template.sender(), copy.sender());
            assertEquals(id, copy.metadata().get("schedule"));
            assertFalse(copy.id().equals(template.id()), "each copy has its own id");
            assertEquals(
                    first.plus(Duration.ofHours(5)),
                    queue.schedules().find(id).orElseThrow().nextAt());
            assertEquals(List.of(), queue.schedules().fireDue(), "fired once");
            assertEquals(
                    1, queue.list(Set.of(MessageState.QUEUED), "Agent-2", 10).size());
            assertTrue(queue.hasReady("Agent-2"), "the copy is deliverable now");

            // AND at the next boundary the next copy
            clock.advance(Duration.ofMinutes(30));
            assertEquals(1, queue.schedules().fireDue().size());
            assertEquals(2, queue.schedules().find(id).orElseThrow().fired());
        }
    }

    @Test
    void aCancelledScheduleNeverFiresAndItsShortIdIsRefusedAfterwards() {
        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            Schedule s = queue.schedules()
                    .add(
                            message(clock, "Agent-1", Priority.NORMAL, "ping"),
                            Duration.ofMinutes(5),
                            clock.instant().plusSeconds(60),
                            "alice");
            String shortId = "#" + s.id().substring(s.id().length() - 4);
            assertEquals(
                    List.of(s.id()),
                    queue.schedules().list(null).stream().map(Schedule::id).toList());

            assertEquals(s.id(), queue.schedules().cancel(shortId, "bob").id());

            clock.advance(Duration.ofHours(1));
            assertEquals(List.of(), queue.schedules().fireDue());
            assertEquals(List.of(), queue.schedules().list(null));
            assertThrows(UnknownMessageException.class, () -> queue.schedules().cancel(shortId, "bob"));
        }
    }

    @Test
    void aPeriodUnderAMinuteIsRefusedAndNothingIsStored() {
        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> queue.schedules()
                            .add(
                                    message(clock, "Agent-1", Priority.NORMAL, "x"),
                                    Duration.ofSeconds(5),
                                    clock.instant(),
                                    "a"));
            assertTrue(e.getMessage().contains("once a minute"), e.getMessage());
            assertEquals(List.of(), queue.schedules().list(null));
        }
    }

    @Test
    void aMessageWithALaterNotBeforeWaitsIsListedAsWaitingAndIsClaimedOnlyWhenDue() {
        try (SqliteMessageQueue queue = QueueFixture.open(dir, clock, 3)) {
            UnifiedMessage now = message(clock, "Agent-1", Priority.NORMAL, "later");
            UnifiedMessage later = new UnifiedMessage(
                    now.id(),
                    now.id(),
                    now.sender(),
                    now.recipient(),
                    now.type(),
                    now.priority(),
                    now.body(),
                    null,
                    null,
                    now.origin(),
                    now.createdAt(),
                    clock.instant().plus(Duration.ofMinutes(10)));
            queue.enqueue(later);

            assertEquals(
                    List.of(later.id()),
                    queue.schedules().waiting(null, 10).stream()
                            .map(QueuedMessage::id)
                            .toList());
            assertFalse(queue.hasReady("Agent-1"));
            assertTrue(queue.claimNext("Agent-1", "w", LEASE).isEmpty());

            clock.advance(Duration.ofMinutes(10));
            assertEquals(List.of(), queue.schedules().waiting(null, 10));
            assertEquals(
                    later.id(),
                    queue.claimNext("Agent-1", "w", LEASE).orElseThrow().id());
        }
    }

    @Test
    void nextAfterSkipsMissedPeriodsButKeepsTheRhythm() {
        assertEquals(100, Schedule.nextAfter(100, 10, 50));
        assertEquals(110, Schedule.nextAfter(100, 10, 100));
        assertEquals(160, Schedule.nextAfter(100, 10, 155));
    }
}
