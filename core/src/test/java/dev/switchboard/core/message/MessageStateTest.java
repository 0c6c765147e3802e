package dev.switchboard.core.message;

import static dev.switchboard.core.message.MessageState.CANCELLED;
import static dev.switchboard.core.message.MessageState.DEAD;
import static dev.switchboard.core.message.MessageState.DELIVERED;
import static dev.switchboard.core.message.MessageState.DELIVERING;
import static dev.switchboard.core.message.MessageState.QUEUED;
import static dev.switchboard.core.message.MessageState.READ;
import static dev.switchboard.core.message.MessageState.RETRY_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state machine, pair by pair, against the table in DESIGN.md. */
class MessageStateTest {
    private static final Map<MessageState, Set<MessageState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(DELIVERING, CANCELLED),
            DELIVERING, EnumSet.of(DELIVERED, RETRY_WAIT, DEAD, QUEUED),
            RETRY_WAIT, EnumSet.of(DELIVERING, QUEUED, CANCELLED, DEAD),
            DELIVERED, EnumSet.of(READ),
            READ, EnumSet.noneOf(MessageState.class),
            DEAD, EnumSet.of(QUEUED),
            CANCELLED, EnumSet.noneOf(MessageState.class));

    @Test
    void everyPairIsAllowedExactlyAsTheTableSays() {
        for (MessageState from : MessageState.values()) {
            for (MessageState to : MessageState.values()) {
                assertEquals(ALLOWED.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void anIllegalMoveThrowsWithBothStatesAndTheId() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> DELIVERED.checkMoveTo(CANCELLED, "abc"));
        assertEquals(DELIVERED, e.from());
        assertEquals(CANCELLED, e.to());
        assertEquals("message abc is delivered; it cannot become cancelled", e.getMessage());
        QUEUED.checkMoveTo(DELIVERING, "abc"); // allowed: no exception
    }

    @Test
    void pendingAndFinalStates() {
        assertEquals(EnumSet.of(QUEUED, RETRY_WAIT, DELIVERING),
                EnumSet.copyOf(java.util.Arrays.stream(MessageState.values()).filter(MessageState::isPending).toList()));
        assertTrue(READ.isFinal());
        assertTrue(CANCELLED.isFinal());
        assertFalse(DEAD.isFinal(), "an operator can retry a dead message");
        assertEquals("retry wait", RETRY_WAIT.label());
    }
}
