package dev.switchboard.bot.discord;

import dev.switchboard.commands.track.RequestProgress;
import dev.switchboard.core.message.MessageState;
import java.util.Optional;

/**
 * The reaction that shows a message's state on the chat message that asked for it. Only what is true is shown:
 * a delivery that could not be verified gets ☑️, never ✅.
 */
public final class StatusEmoji {
    public static final String QUEUED = "📥";
    public static final String DELIVERED = "✅";
    public static final String DELIVERED_UNVERIFIED = "☑️";
    public static final String READ = "👀";
    public static final String FAILED = "❌";

    private StatusEmoji() {}

    /**
     * @return the emoji for a state, or empty for states that keep the current one (delivering, retry wait: the
     *         message is still in the queue, 📥 stays)
     */
    public static Optional<String> of(MessageState state, Boolean verified) {
        return Optional.ofNullable(
                switch (state) {
                    case QUEUED -> QUEUED;
                    case DELIVERING, RETRY_WAIT -> null;
                    case DELIVERED -> Boolean.TRUE.equals(verified) ? DELIVERED : DELIVERED_UNVERIFIED;
                    case READ -> READ;
                    case DEAD, CANCELLED -> FAILED;
                });
    }

    /** The emoji a whole request shows: ❌ if any message failed, else that of its least advanced message. */
    public static String of(RequestProgress.Stage stage) {
        return switch (stage) {
            case QUEUED -> QUEUED;
            case DELIVERED_UNVERIFIED -> DELIVERED_UNVERIFIED;
            case DELIVERED -> DELIVERED;
            case READ -> READ;
            case FAILED -> FAILED;
        };
    }
}
