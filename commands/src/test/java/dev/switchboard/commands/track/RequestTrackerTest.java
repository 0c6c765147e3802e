package dev.switchboard.commands.track;

import static dev.switchboard.commands.track.Events.event;
import static dev.switchboard.core.message.MessageState.DEAD;
import static dev.switchboard.core.message.MessageState.DELIVERED;
import static dev.switchboard.core.message.MessageState.DELIVERING;
import static dev.switchboard.core.message.MessageState.QUEUED;
import static dev.switchboard.core.message.MessageState.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.core.events.StatusEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTrackerTest {

    @Test
    void eventsBeforeTrackingAreReplayedInOrderThenLiveOnesFollow() {
        RequestTracker tracker = new RequestTracker(e -> true, 100);
        List<Long> seen = new ArrayList<>();

        tracker.accept(event(2, "m1", QUEUED, DELIVERING));
        tracker.accept(event(1, "m1", null, QUEUED));
        tracker.accept(event(3, "other", null, QUEUED));
        tracker.track(List.of("m1"), (p, e) -> seen.add(e.seq()));
        tracker.accept(event(4, "m1", DELIVERING, DELIVERED, "inbox", true, null));
        tracker.accept(event(4, "m1", DELIVERING, DELIVERED, "inbox", true, null));

        assertEquals(List.of(1L, 2L, 4L), seen, "each event once, in order");
        assertEquals(1, tracker.unclaimedCount(), "the other message's event is still kept");
    }

    @Test
    void eventsNotWorthKeepingAreDroppedAndMemoryIsBounded() {
        RequestTracker tracker = new RequestTracker(e -> !e.messageId().startsWith("x"), 3);
        List<StatusEvent> seen = new ArrayList<>();

        tracker.accept(event(1, "x1", null, QUEUED));
        for (int i = 0; i < 10; i++) {
            tracker.accept(event(10 + i, "m" + i, null, QUEUED));
        }
        tracker.track(List.of("x1", "m0", "m9"), (p, e) -> seen.add(e));

        assertEquals(List.of("m9"), seen.stream().map(StatusEvent::messageId).toList());
        assertEquals(2, tracker.unclaimedCount());
    }

    @Test
    void readDeadAndCancelledAreFinalDeliveredIsNot() {
        RequestTracker tracker = new RequestTracker(e -> false, 10);
        tracker.track(List.of("a"), (p, e) -> {});
        tracker.track(List.of("b"), (p, e) -> {});

        tracker.accept(event(1, "a", DELIVERING, DELIVERED, "inbox", true, null));
        assertEquals(2, tracker.trackedCount(), "delivered: the agent may still read it");
        tracker.accept(event(2, "a", DELIVERED, READ));
        tracker.accept(event(3, "b", DELIVERING, DEAD, null, null, "gave up"));

        assertEquals(0, tracker.trackedCount(), "read and dead end the following, on every platform alike");
    }
}
