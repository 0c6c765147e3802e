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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The state machine's promises (DESIGN.md), checked as properties rather than against a copy of its table:
 * a copy would only detect that the table changed, not that it broke a promise.
 */
class MessageStateTest {
    @Test
    void theDeliveryPathAndTheRetryLoopAreAllowed() {
        assertTrue(QUEUED.canMoveTo(DELIVERING) && DELIVERING.canMoveTo(DELIVERED) && DELIVERED.canMoveTo(READ));
        assertTrue(DELIVERING.canMoveTo(RETRY_WAIT) && RETRY_WAIT.canMoveTo(DELIVERING));
        assertTrue(DELIVERING.canMoveTo(DEAD) && QUEUED.canMoveTo(CANCELLED));
        assertTrue(DEAD.canMoveTo(QUEUED), "an operator can retry a dead message");
    }

    @Test
    void whatWasDeliveredIsNeverDeliveredAgainNorCancelled() {
        for (MessageState done : EnumSet.of(DELIVERED, READ)) {
            for (MessageState back : EnumSet.of(QUEUED, DELIVERING, RETRY_WAIT, CANCELLED, DEAD)) {
                assertFalse(done.canMoveTo(back), done + " -> " + back);
            }
        }
    }

    @Test
    void finalStatesHaveNoWayOutAndNoStateLoopsOnItself() {
        for (MessageState s : MessageState.values()) {
            assertFalse(s.canMoveTo(s), s + " -> itself");
            if (s.isFinal()) {
                for (MessageState to : MessageState.values()) {
                    assertFalse(s.canMoveTo(to), s + " is final but may become " + to);
                }
            }
        }
    }

    @Test
    void everyStateIsReachableAndNoneIsATrap() {
        Set<MessageState> reached = reachableFrom(QUEUED);
        assertEquals(EnumSet.allOf(MessageState.class), reached, "reachable from queued");
        for (MessageState s : MessageState.values()) {
            assertTrue(reachableFrom(s).stream().anyMatch(MessageState::isFinal), s + " can never end");
        }
    }

    private static Set<MessageState> reachableFrom(MessageState start) {
        Set<MessageState> seen = EnumSet.of(start);
        java.util.ArrayDeque<MessageState> todo = new java.util.ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            MessageState s = todo.poll();
            for (MessageState to : MessageState.values()) {
                if (s.canMoveTo(to) && seen.add(to)) {
                    todo.add(to);
                }
            }
        }
        return seen;
    }

    @Test
    void anIllegalMoveThrowsWithBothStatesAndTheId() {
        IllegalTransitionException e =
                assertThrows(IllegalTransitionException.class, () -> DELIVERED.checkMoveTo(CANCELLED, "abc"));
        assertEquals(DELIVERED, e.from());
        assertEquals(CANCELLED, e.to());
        assertEquals("message abc is delivered; it cannot become cancelled", e.getMessage());
        QUEUED.checkMoveTo(DELIVERING, "abc"); // allowed: no exception
    }

    @Test
    void pendingAndFinalStates() {
        assertEquals(
                EnumSet.of(QUEUED, RETRY_WAIT, DELIVERING),
                EnumSet.copyOf(java.util.Arrays.stream(MessageState.values())
                        .filter(MessageState::isPending)
                        .toList()));
        assertTrue(READ.isFinal());
        assertTrue(CANCELLED.isFinal());
        assertFalse(DEAD.isFinal(), "an operator can retry a dead message");
        assertEquals("retry wait", RETRY_WAIT.label());
    }
}
