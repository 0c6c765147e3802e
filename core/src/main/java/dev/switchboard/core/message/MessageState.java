package dev.switchboard.core.message;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a message is in its life. {@code QUEUED → DELIVERING → DELIVERED → READ}; a failed attempt goes
 * {@code DELIVERING → RETRY_WAIT → DELIVERING} and finally {@code → DEAD}; a queued or waiting message can be
 * {@code CANCELLED}. An operator's retry puts DEAD or RETRY_WAIT back to QUEUED; an expired lease (worker
 * died) puts DELIVERING back to QUEUED.
 */
public enum MessageState {
    QUEUED,
    DELIVERING,
    RETRY_WAIT,
    DELIVERED,
    READ,
    DEAD,
    CANCELLED;

    private static final Map<MessageState, Set<MessageState>> NEXT = Map.of(
            QUEUED, EnumSet.of(DELIVERING, CANCELLED),
            DELIVERING, EnumSet.of(DELIVERED, RETRY_WAIT, DEAD, QUEUED),
            RETRY_WAIT, EnumSet.of(DELIVERING, QUEUED, CANCELLED, DEAD),
            DELIVERED, EnumSet.of(READ),
            READ, EnumSet.noneOf(MessageState.class),
            DEAD, EnumSet.of(QUEUED),
            CANCELLED, EnumSet.noneOf(MessageState.class));

    public boolean canMoveTo(MessageState next) {
        return NEXT.get(this).contains(next);
    }

    /** @throws IllegalTransitionException if the state machine does not allow {@code this → next} */
    public void checkMoveTo(MessageState next, String messageId) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(messageId, this, next);
        }
    }

    /** States a worker may still act on. */
    public boolean isPending() {
        return this == QUEUED || this == RETRY_WAIT || this == DELIVERING;
    }

    public boolean isFinal() {
        return this == READ || this == CANCELLED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
