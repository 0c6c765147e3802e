package dev.switchboard.bot.discord;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one chat request (one message, or a broadcast's copies) as the bus reports it: which emoji it
 * shows, which failures still need explaining, and a line per message for an embed. Events may arrive out of
 * order (a replay of buffered events racing a live one); an older event than the one held is ignored.
 */
public final class RequestProgress {
    private final List<String> ids;
    private final Map<String, StatusEvent> latest = new HashMap<>();
    private final Set<String> explained = new HashSet<>();
    private String shown;

    /**
     * @param ids   the messages the command queued
     * @param shown the emoji already shown for the request ({@link StatusEmoji#QUEUED} once it is queued)
     */
    public RequestProgress(List<String> ids, String shown) {
        this.ids = List.copyOf(ids);
        this.shown = shown;
    }

    public List<String> ids() {
        return ids;
    }

    /** @return whether the event was news for this request */
    public synchronized boolean apply(StatusEvent event) {
        if (!ids.contains(event.messageId())) {
            return false;
        }
        StatusEvent held = latest.get(event.messageId());
        if (held != null && held.seq() >= event.seq()) {
            return false;
        }
        latest.put(event.messageId(), event);
        if (!isFailed(event.to())) {
            explained.remove(event.messageId()); // retried: a later failure is news again
        }
        return true;
    }

    /**
     * The emoji the request should show: ❌ if any of its messages failed, otherwise that of the least advanced
     * message (a broadcast shows ✅ only when every copy is verified).
     */
    public synchronized String emoji() {
        int least = Integer.MAX_VALUE;
        for (String id : ids) {
            StatusEvent e = latest.get(id);
            if (e != null && isFailed(e.to())) {
                return StatusEmoji.FAILED;
            }
            least = Math.min(least, rank(e));
        }
        return switch (least) {
            case 1 -> StatusEmoji.DELIVERED_UNVERIFIED;
            case 2 -> StatusEmoji.DELIVERED;
            case 3 -> StatusEmoji.READ;
            default -> StatusEmoji.QUEUED;
        };
    }

    /** @return the new emoji if it differs from the one shown, which it then becomes */
    public synchronized Optional<String> emojiChange() {
        String now = emoji();
        if (now.equals(shown)) {
            return Optional.empty();
        }
        shown = now;
        return Optional.of(now);
    }

    /** Failures not explained yet ("#3f2a to Agent-2: dead: ..."), each returned once. */
    public synchronized List<String> unexplainedFailures() {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            StatusEvent e = latest.get(id);
            if (e != null && isFailed(e.to()) && explained.add(id)) {
                out.add(lineOf(id, e));
            }
        }
        return out;
    }

    /** One line per message: "#3f2a to Agent-2: delivered (inbox, verified)". */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(lineOf(id, latest.get(id)));
        }
        return out;
    }

    /** Nothing more will happen to any of its messages (all read or cancelled). */
    public synchronized boolean finished() {
        return ids.stream().allMatch(id -> latest.containsKey(id) && latest.get(id).to().isFinal());
    }

    private static String lineOf(String id, StatusEvent e) {
        String shortId = "#" + MessageIds.shortForm(id);
        if (e == null) {
            return shortId + ": queued";
        }
        return shortId + " to " + e.agent() + ": " + e.describe();
    }

    private static boolean isFailed(MessageState state) {
        return state == MessageState.DEAD || state == MessageState.CANCELLED;
    }

    private static int rank(StatusEvent e) {
        if (e == null) {
            return 0;
        }
        return switch (e.to()) {
            case DELIVERED -> Boolean.TRUE.equals(e.verified()) ? 2 : 1;
            case READ -> 3;
            default -> 0;
        };
    }
}
