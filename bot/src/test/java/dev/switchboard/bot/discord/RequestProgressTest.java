package dev.switchboard.bot.discord;

import static dev.switchboard.bot.discord.Events.event;
import static dev.switchboard.core.message.MessageState.CANCELLED;
import static dev.switchboard.core.message.MessageState.DEAD;
import static dev.switchboard.core.message.MessageState.DELIVERED;
import static dev.switchboard.core.message.MessageState.DELIVERING;
import static dev.switchboard.core.message.MessageState.QUEUED;
import static dev.switchboard.core.message.MessageState.READ;
import static dev.switchboard.core.message.MessageState.RETRY_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestProgressTest {
    private static final String A = "0190aaaa-0000-7000-8000-00000000a001";
    private static final String B = "0190aaaa-0000-7000-8000-00000000b002";

    @Test
    void oneMessageGoesQueuedDeliveredRead() {
        RequestProgress p = new RequestProgress(List.of(A), StatusEmoji.QUEUED);

        p.apply(event(1, A, null, QUEUED));
        p.apply(event(2, A, QUEUED, DELIVERING));
        assertEquals(Optional.empty(), p.emojiChange(), "still 📥 while delivering");

        p.apply(event(3, A, DELIVERING, DELIVERED, "inbox", true, null));
        assertEquals(Optional.of(StatusEmoji.DELIVERED), p.emojiChange());
        assertEquals(Optional.empty(), p.emojiChange(), "each change reported once");
        assertEquals(List.of("#a001 to Agent-2: delivered (inbox, verified)"), p.lines());
        assertFalse(p.finished());

        p.apply(event(4, A, DELIVERED, READ));
        assertEquals(Optional.of(StatusEmoji.READ), p.emojiChange());
        assertTrue(p.finished());
    }

    @Test
    void unverifiedDeliveryIsNeverShownAsVerified() {
        RequestProgress p = new RequestProgress(List.of(A), StatusEmoji.QUEUED);

        p.apply(event(3, A, DELIVERING, DELIVERED, "gui", false, null));

        assertEquals(StatusEmoji.DELIVERED_UNVERIFIED, p.emoji());
        assertEquals(List.of("#a001 to Agent-2: delivered (gui, unverified)"), p.lines());
    }

    @Test
    void olderEventsArrivingLateAreIgnored() {
        RequestProgress p = new RequestProgress(List.of(A), StatusEmoji.QUEUED);

        assertTrue(p.apply(event(3, A, DELIVERING, DELIVERED, "inbox", true, null)));
        assertFalse(p.apply(event(1, A, null, QUEUED)));
        assertFalse(p.apply(event(9, "someone-else", null, QUEUED)));

        assertEquals(StatusEmoji.DELIVERED, p.emoji());
    }

    @Test
    void deadMessageIsExplainedOnceAndAgainAfterARetryFailsAgain() {
        RequestProgress p = new RequestProgress(List.of(A), StatusEmoji.QUEUED);

        p.apply(event(2, A, RETRY_WAIT, DEAD, null, null, "gave up after 5 attempts: window not found"));
        assertEquals(Optional.of(StatusEmoji.FAILED), p.emojiChange());
        assertEquals(List.of("#a001 to Agent-2: dead: gave up after 5 attempts: window not found"),
                p.unexplainedFailures());
        assertEquals(List.of(), p.unexplainedFailures());

        p.apply(event(3, A, DEAD, QUEUED));
        assertEquals(Optional.of(StatusEmoji.QUEUED), p.emojiChange());
        p.apply(event(4, A, QUEUED, CANCELLED, null, null, "cancelled by bob"));
        assertEquals(1, p.unexplainedFailures().size());
    }

    @Test
    void broadcastShowsTheLeastAdvancedCopyAndAnyFailure() {
        RequestProgress p = new RequestProgress(List.of(A, B), StatusEmoji.QUEUED);

        p.apply(event(1, A, DELIVERING, DELIVERED, "inbox", true, null));
        assertEquals(StatusEmoji.QUEUED, p.emoji(), "B not delivered yet");
        p.apply(event(2, B, DELIVERING, DELIVERED, "gui", false, null));
        assertEquals(StatusEmoji.DELIVERED_UNVERIFIED, p.emoji());
        p.apply(event(3, A, DELIVERED, READ));
        assertEquals(StatusEmoji.DELIVERED_UNVERIFIED, p.emoji());
        p.apply(event(4, B, DELIVERED, READ));
        assertEquals(StatusEmoji.READ, p.emoji());

        RequestProgress q = new RequestProgress(List.of(A, B), StatusEmoji.QUEUED);
        q.apply(event(1, A, DELIVERING, DELIVERED, "inbox", true, null));
        q.apply(event(2, B, QUEUED, CANCELLED));
        assertEquals(StatusEmoji.FAILED, q.emoji());
        assertEquals(List.of("#a001 to Agent-2: delivered (inbox, verified)", "#b002 to Agent-2: cancelled"),
                q.lines());
    }
}
