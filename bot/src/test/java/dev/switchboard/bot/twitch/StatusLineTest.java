package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    static StatusEvent event(
            long seq, String id, MessageState from, MessageState to, String method, Boolean verified, String detail) {
        return new StatusEvent(
                seq,
                id,
                id,
                "Agent-2",
                from,
                to,
                1,
                method,
                verified,
                detail,
                Instant.now(),
                new Sender(Platform.TWITCH, "42", "Mod", Role.OPERATOR),
                new Origin(Platform.TWITCH, null, "stream", "chat-1", null));
    }

    @Test
    void rendersTheOneShortLine() {
        StatusEvent e = event(
                7,
                "0190a1b2-0000-7000-8000-00000000" + "3f2a",
                MessageState.DELIVERING,
                MessageState.DELIVERED,
                "gui",
                true,
                null);
        assertEquals("@mod → Agent-2: delivered (gui, verified) · #3f2a", StatusLine.render("mod", e));
    }

    @Test
    void unverifiedDeliveryIsSaidSo() {
        StatusEvent e = event(7, "abc-1234", MessageState.DELIVERING, MessageState.DELIVERED, "gui", false, null);
        assertEquals("@mod → Agent-2: delivered (gui, unverified) · #1234", StatusLine.render("mod", e));
    }

    @Test
    void onlyOutcomesAreReported() {
        assertFalse(StatusLine.reported(event(1, "x", null, MessageState.QUEUED, null, null, null)));
        assertFalse(StatusLine.reported(event(2, "x", MessageState.QUEUED, MessageState.DELIVERING, null, null, null)));
        assertTrue(StatusLine.reported(event(3, "x", MessageState.DELIVERING, MessageState.DEAD, null, null, "gone")));
        assertTrue(StatusLine.reported(event(3, "x", MessageState.DELIVERED, MessageState.READ, null, null, null)));
    }
}
