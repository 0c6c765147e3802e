package dev.switchboard.bot.discord;

import static dev.switchboard.bot.discord.Events.event;
import static dev.switchboard.core.message.MessageState.DELIVERED;
import static dev.switchboard.core.message.MessageState.DELIVERING;
import static dev.switchboard.core.message.MessageState.QUEUED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.core.events.StatusEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTrackerTest {

    @Test
    void eventsBeforeTrackingAreReplayedInOrderThenLiveOnesFollow() {
        StatusTracker tracker = new StatusTracker(e -> true, 100);
        List<Long> seen = new ArrayList<>();

        tracker.accept(event(2, "m1", QUEUED, DELIVERING));
        tracker.accept(event(1, "m1", null, QUEUED));
        tracker.accept(event(3, "other", null, QUEUED));
        tracker.track(List.of("m1"), e -> seen.add(e.seq()));
        tracker.accept(event(4, "m1", DELIVERING, DELIVERED, "inbox", true, null));

        assertEquals(List.of(1L, 2L, 4L), seen);
        assertEquals(1, tracker.unclaimedCount(), "the other message's event is still kept");
    }

    @Test
    void eventsNotWorthKeepingAreDroppedAndMemoryIsBounded() {
        StatusTracker tracker = new StatusTracker(e -> !e.messageId().startsWith("x"), 3);
        List<StatusEvent> seen = new ArrayList<>();

        tracker.accept(event(1, "x1", null, QUEUED));
        for (int i = 0; i < 10; i++) {
            tracker.accept(event(10 + i, "m" + i, null, QUEUED));
        }
        tracker.track(List.of("x1", "m0", "m9"), seen::add);

        assertEquals(List.of("m9"), seen.stream().map(StatusEvent::messageId).toList());
        assertEquals(2, tracker.unclaimedCount());
    }

    @Test
    void untrackedIdsStopReceiving() {
        StatusTracker tracker = new StatusTracker(e -> false, 10);
        List<StatusEvent> seen = new ArrayList<>();
        tracker.track(List.of("m1"), seen::add);
        tracker.untrack(List.of("m1"));

        tracker.accept(event(1, "m1", null, QUEUED));

        assertEquals(List.of(), seen);
        assertEquals(0, tracker.trackedCount());
    }
}
