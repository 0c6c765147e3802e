package dev.switchboard.bot.discord;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lines the status channel shows for system events: dead letters (from any front-end, since someone must
 * notice them) and agents paused or resumed (by anyone, including the terminal).
 */
final class StatusAnnouncements {
    private Set<String> paused;

    /** @param pausedAtStart agents paused when the bridge starts (not announced) */
    public StatusAnnouncements(Set<String> pausedAtStart) {
        this.paused = new TreeSet<>(pausedAtStart);
    }

    public static Optional<String> of(StatusEvent event) {
        if (event.to() != MessageState.DEAD) {
            return Optional.empty();
        }
        String shortId = MessageIds.shortForm(event.messageId());
        String from = event.sender() == null ? "" : " from " + event.sender().describe();
        String why = event.detail() == null || event.detail().isBlank() ? "" : ": " + event.detail();
        return Optional.of("💀 dead letter #" + shortId + " to " + event.agent() + from + why
                + " (retry with `queue retry " + shortId + "`)");
    }

    /** Lines for agents whose pause state changed since the last call. */
    public synchronized List<String> pauseChanges(Set<String> pausedNow) {
        List<String> out = new ArrayList<>();
        for (String agent : new TreeSet<>(pausedNow)) {
            if (!paused.contains(agent)) {
                out.add("⏸️ " + agent + " is paused: its messages wait in the queue");
            }
        }
        for (String agent : paused) {
            if (!pausedNow.contains(agent)) {
                out.add("▶️ " + agent + " is resumed");
            }
        }
        paused = new TreeSet<>(pausedNow);
        return out;
    }
}
