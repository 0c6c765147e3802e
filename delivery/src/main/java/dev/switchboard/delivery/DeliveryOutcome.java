package dev.switchboard.delivery;

/**
 * What one delivery attempt did.
 *
 * @param delivered        the text reached the agent (submitted, or written)
 * @param verified         for delivered: it was seen to arrive; false means "delivered (unverified)"
 * @param detail           a short human reason or note (failure cause, "typed but not submitted" ...)
 * @param fallbackAllowed  for failures: nothing reached the agent, so the next method may be tried without
 *                         risking a duplicate. False when text may already sit in the agent's input.
 * @param mayBeInInput     for failures: the text may have reached the agent's input box without being seen there
 *                         (a paste that did not show in time). The next method may still deliver it, and
 *                         {@code detail} says that the text may also be in the box.
 * @param noRoom           for failures: nothing was written because the disk is full. That is no fault of the
 *                         message nor of the method, and it ends when space comes back: not worth an attempt.
 */
public record DeliveryOutcome(
        boolean delivered,
        boolean verified,
        String detail,
        boolean fallbackAllowed,
        boolean mayBeInInput,
        boolean noRoom) {

    public DeliveryOutcome(
            boolean delivered, boolean verified, String detail, boolean fallbackAllowed, boolean mayBeInInput) {
        this(delivered, verified, detail, fallbackAllowed, mayBeInInput, false);
    }

    public DeliveryOutcome(boolean delivered, boolean verified, String detail, boolean fallbackAllowed) {
        this(delivered, verified, detail, fallbackAllowed, false, false);
    }

    public static DeliveryOutcome verified(String detail) {
        return new DeliveryOutcome(true, true, detail, false);
    }

    public static DeliveryOutcome unverified(String detail) {
        return new DeliveryOutcome(true, false, detail, false);
    }

    /** Failed before anything reached the agent: safe to try the next method. */
    public static DeliveryOutcome failedClean(String reason) {
        return new DeliveryOutcome(false, false, reason, true);
    }

    /**
     * Not known whether it reached the input box (a paste that never showed may still land): the next method may
     * deliver it, and the status must say the text may also sit in the box.
     */
    public static DeliveryOutcome failedUncertain(String reason) {
        return new DeliveryOutcome(false, false, reason, true, true);
    }

    /** Nothing written because the disk is full: clean, and the message waits for space without an attempt. */
    public static DeliveryOutcome failedNoRoom(String reason) {
        return new DeliveryOutcome(false, false, reason, true, false, true);
    }

    /** Failed after something may have reached the agent: do not try another method. */
    public static DeliveryOutcome failedDirty(String reason) {
        return new DeliveryOutcome(false, false, reason, false);
    }
}
