package dev.switchboard.commands.track;

import static dev.switchboard.commands.track.Events.event;
import static dev.switchboard.core.message.MessageState.CANCELLED;
import static dev.switchboard.core.message.MessageState.DEAD;
import static dev.switchboard.core.message.MessageState.DELIVERED;
import static dev.switchboard.core.message.MessageState.QUEUED;
import static dev.switchboard.core.message.MessageState.READ;
import static dev.switchboard.core.message.MessageState.RETRY_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.track.RequestProgress.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestProgressTest {
    private static final String A = "0190aaaa-0000-7000-8000-00000000a001";
    private static final String B = "0190aaaa-0000-7000-8000-00000000b002";

    @Test
    void oneMessageGoesQueuedDeliveredReadAndItsHeadlineFollows() {
        RequestProgress p = new RequestProgress(List.of(A));
        assertEquals("#a001: queued", p.headline());

        p.apply(event(3, A, QUEUED, DELIVERED, "inbox", true, null));
        assertEquals(Stage.DELIVERED, p.stage());
        assertEquals("#a001 for Agent-2: delivered (inbox, verified)", p.headline());
        assertFalse(p.finished());

        p.apply(event(4, A, DELIVERED, READ));
        assertEquals(Stage.READ, p.stage());
        assertTrue(p.finished());
    }

    @Test
    void olderEventsArrivingLateAreIgnored() {
        RequestProgress p = new RequestProgress(List.of(A));

        assertTrue(p.apply(event(3, A, QUEUED, DELIVERED, "gui", false, null)));
        assertFalse(p.apply(event(1, A, null, QUEUED)));
        assertFalse(p.apply(event(9, "someone-else", null, QUEUED)));

        assertEquals(Stage.DELIVERED_UNVERIFIED, p.stage(), "never shown as verified");
    }

    @Test
    void deadMessageIsExplainedOnceAndAgainAfterARetryFailsAgain() {
        RequestProgress p = new RequestProgress(List.of(A));

        p.apply(event(2, A, RETRY_WAIT, DEAD, null, null, "gave up after 5 attempts: window not found"));
        assertEquals(Stage.FAILED, p.stage());
        assertEquals(
                List.of("#a001 to Agent-2: dead: gave up after 5 attempts: window not found"), p.unexplainedFailures());
        assertEquals(List.of(), p.unexplainedFailures());

        p.apply(event(3, A, DEAD, QUEUED));
        assertEquals(Stage.QUEUED, p.stage());
        p.apply(event(4, A, QUEUED, CANCELLED, null, null, "cancelled by bob"));
        assertEquals(1, p.unexplainedFailures().size());
    }

    @Test
    void broadcastShowsTheLeastAdvancedCopyAndSumsUp() {
        RequestProgress p = new RequestProgress(List.of(A, B));

        p.apply(event(1, A, QUEUED, DELIVERED, "inbox", true, null));
        assertEquals(Stage.QUEUED, p.stage(), "B not delivered yet");
        assertFalse(p.allHaveOutcome());
        p.apply(event(2, B, QUEUED, DELIVERED, "gui", false, null));
        assertEquals(Stage.DELIVERED_UNVERIFIED, p.stage());
        assertTrue(p.allHaveOutcome());
        assertEquals("2 agents: 1 delivered (inbox, verified), 1 delivered (gui, unverified)", p.headline());

        RequestProgress q = new RequestProgress(List.of(A, B));
        q.apply(event(1, A, QUEUED, DELIVERED, "inbox", true, null));
        q.apply(event(2, B, QUEUED, CANCELLED));
        assertEquals(Stage.FAILED, q.stage());
        assertEquals("1 delivered (inbox, verified); Agent-2 cancelled", q.summary());
    }
}
