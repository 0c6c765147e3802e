package dev.switchboard.bot.twitch;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import java.util.EnumSet;
import java.util.Set;

/** The one short line chat sees when a followed message changes state. */
final class StatusLine {
    /**
     * States worth a line in chat. QUEUED is said by the command's own answer; DELIVERING is a moment away
     * from the outcome and would only double the chat traffic.
     */
    static final Set<MessageState> REPORTED = EnumSet.of(
            MessageState.DELIVERED,
            MessageState.READ,
            MessageState.RETRY_WAIT,
            MessageState.DEAD,
            MessageState.CANCELLED);

    private StatusLine() {}

    public static boolean reported(StatusEvent event) {
        return REPORTED.contains(event.to());
    }

    /** "@user → Agent-2: delivered (gui, verified) · #3f2a". */
    public static String render(String mention, StatusEvent event) {
        return render(mention, event.agent(), event.describe(), event.messageId());
    }

    public static String render(String mention, String agent, String description, String messageId) {
        return "@" + mention + " → " + agent + ": " + description + " · #" + MessageIds.shortForm(messageId);
    }
}
