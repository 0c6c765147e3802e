package dev.switchboard.delivery.gui;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Agents whose last paste was never seen. Such a delivery counts as failed cleanly (the inbox takes the
 * message), but a frozen window may still show the text later, unsubmitted; a paste into that box would then
 * submit the old text with the new one. So the box's empty look from that attempt is kept, and the next GUI
 * delivery to the agent goes ahead only if the box looks like that again (or after {@link #FORGET_AFTER_MS}:
 * by then the window has surely changed for other reasons, and a stale look must not block GUI delivery for
 * good).
 */
final class UnseenPastes {
    static final long FORGET_AFTER_MS = 10 * 60_000;

    private record Unseen(Look emptyBox, long atMillis) {
    }

    private final Map<String, Unseen> byAgent = new ConcurrentHashMap<>();
    private final LongSupplier clockMillis;

    UnseenPastes(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** A paste into {@code agent}'s box, which looked like {@code emptyBox}, did not show in time. */
    void remember(String agent, Look emptyBox) {
        byAgent.put(agent, new Unseen(emptyBox, clockMillis.getAsLong()));
    }

    /**
     * @param boxNow the box as it looks now, clicked and settled, before anything is pasted
     * @return why not to paste now, or empty when the box is back to its earlier empty look (or never left it)
     */
    Optional<String> reasonNotToPaste(String agent, Look boxNow) {
        Unseen unseen = byAgent.get(agent);
        if (unseen == null) {
            return Optional.empty();
        }
        long ago = clockMillis.getAsLong() - unseen.atMillis();
        if (ago > FORGET_AFTER_MS || boxNow.sameAs(unseen.emptyBox())) {
            byAgent.remove(agent);
            return Optional.empty();
        }
        return Optional.of("input box changed since a paste there was not seen " + ago / 1000 + " s ago: that"
                + " text may be sitting in it unsubmitted; clear the box (GUI delivery resumes once it looks empty"
                + " again)");
    }
}
