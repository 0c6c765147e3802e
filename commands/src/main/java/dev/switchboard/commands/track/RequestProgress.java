package dev.switchboard.commands.track;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one request (one message, or a broadcast's copies) as the bus reports it. Only the
 * {@link RequestTracker} changes it, one event at a time and in order; front-ends read it to render.
 *
 * <p><b>Final.</b> A message is final for following when nothing more happens to it by itself: READ, DEAD or
 * CANCELLED. DELIVERED is not final (READ follows when the agent takes it). DEAD is final although an operator
 * can retry it: the retry is a new request, followed by whoever asked for it. A request is finished when every
 * one of its messages is final.
 */
public final class RequestProgress {
    private static final Set<MessageState> FINAL =
            EnumSet.of(MessageState.READ, MessageState.DEAD, MessageState.CANCELLED);
    private static final Set<MessageState> OUTCOMES =
            EnumSet.of(MessageState.DELIVERED, MessageState.READ, MessageState.DEAD, MessageState.CANCELLED);

    /** How far a request got, least advanced message first; FAILED if any message failed. */
    public enum Stage {
        QUEUED,
        DELIVERED_UNVERIFIED,
        DELIVERED,
        READ,
        FAILED
    }

    private final List<String> ids;
    private final Map<String, StatusEvent> latest = new HashMap<>();
    private final Set<String> explained = new HashSet<>();

    public RequestProgress(List<String> ids) {
        this.ids = List.copyOf(ids);
    }

    /** The one definition of "final" (see the class comment). */
    public static boolean isFinal(MessageState state) {
        return FINAL.contains(state);
    }

    public List<String> ids() {
        return ids;
    }

    /** @return whether the event was news: one of ours and newer than what is held for that message */
    synchronized boolean apply(StatusEvent event) {
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

    public synchronized Stage stage() {
        Stage least = Stage.READ;
        for (String id : ids) {
            StatusEvent e = latest.get(id);
            if (e != null && isFailed(e.to())) {
                return Stage.FAILED;
            }
            Stage s = stageOf(e);
            if (s.ordinal() < least.ordinal()) {
                least = s;
            }
        }
        return least;
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

    /**
     * One line that says where the request is now, for a title that must not stay "queued" once it moved on:
     * "#3f2a for Agent-2: read: moved to processed/", or "8 agents: 6 delivered (inbox, verified), 2 queued".
     */
    public synchronized String headline() {
        if (ids.size() == 1) {
            String id = ids.get(0);
            StatusEvent e = latest.get(id);
            return "#" + MessageIds.shortForm(id)
                    + (e == null ? ": queued" : " for " + e.agent() + ": " + e.describe());
        }
        return ids.size() + " agents: " + summary();
    }

    /** "2 delivered (inbox, verified), 1 queued; Agent-3 dead: window not found". */
    public synchronized String summary() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String id : ids) {
            StatusEvent e = latest.get(id);
            if (e != null && isFailed(e.to())) {
                failures.add(e.agent() + " " + e.describe());
            } else {
                counts.merge(e == null ? "queued" : shortState(e), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(en -> parts.add(en.getValue() + " " + en.getKey()));
        String summary = String.join(", ", parts);
        if (!failures.isEmpty()) {
            summary = summary.isEmpty() ? String.join("; ", failures) : summary + "; " + String.join("; ", failures);
        }
        return summary;
    }

    /** Every message delivered, read or failed: the moment for a one-line summary of a broadcast. */
    public synchronized boolean allHaveOutcome() {
        return ids.stream()
                .allMatch(id -> latest.containsKey(id)
                        && OUTCOMES.contains(latest.get(id).to()));
    }

    /** Nothing more will happen to any of its messages by itself. */
    public synchronized boolean finished() {
        return ids.stream()
                .allMatch(id -> latest.containsKey(id) && isFinal(latest.get(id).to()));
    }

    private static String shortState(StatusEvent e) {
        if (e.to() == MessageState.DELIVERED && e.method() != null) {
            return "delivered (" + e.method() + ", " + (Boolean.TRUE.equals(e.verified()) ? "verified" : "unverified")
                    + ")";
        }
        return e.to().label();
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

    private static Stage stageOf(StatusEvent e) {
        if (e == null) {
            return Stage.QUEUED;
        }
        return switch (e.to()) {
            case DELIVERED -> Boolean.TRUE.equals(e.verified()) ? Stage.DELIVERED : Stage.DELIVERED_UNVERIFIED;
            case READ -> Stage.READ;
            default -> Stage.QUEUED;
        };
    }
}
