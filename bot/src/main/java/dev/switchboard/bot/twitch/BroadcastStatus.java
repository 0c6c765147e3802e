package dev.switchboard.bot.twitch;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The copies of one broadcast, summed up in one line once every copy has an outcome — eight agents would
 * otherwise cost eight of the channel's twenty messages per half minute.
 */
final class BroadcastStatus {
    private static final Set<MessageState> OUTCOMES = EnumSet.of(MessageState.DELIVERED, MessageState.READ,
            MessageState.DEAD, MessageState.CANCELLED);

    private final Set<String> members;
    private final Map<String, StatusEvent> outcomes = new LinkedHashMap<>();

    BroadcastStatus(Collection<String> messageIds) {
        this.members = new LinkedHashSet<>(messageIds);
    }

    Set<String> members() {
        return members;
    }

    /** @return true when this event gave the last copy its outcome */
    boolean record(StatusEvent event) {
        if (!members.contains(event.messageId()) || !OUTCOMES.contains(event.to())
                || outcomes.containsKey(event.messageId())) {
            return false;
        }
        outcomes.put(event.messageId(), event);
        return outcomes.size() == members.size();
    }

    /** "@mod → 3 agents: 2 delivered (inbox, verified); Agent-3 dead: window not found · #3f2a". */
    String render(String mention) {
        Map<String, Integer> delivered = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        String correlation = null;
        for (StatusEvent e : outcomes.values()) {
            correlation = e.correlationId();
            switch (e.to()) {
                case DELIVERED -> delivered.merge("delivered (" + e.method() + ", "
                        + (Boolean.TRUE.equals(e.verified()) ? "verified" : "unverified") + ")", 1, Integer::sum);
                case READ -> delivered.merge("read", 1, Integer::sum);
                default -> others.add(e.agent() + " " + e.describe());
            }
        }
        StringBuilder b = new StringBuilder("@").append(mention).append(" → ").append(members.size()).append(" agents: ");
        List<String> parts = new ArrayList<>();
        delivered.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(en -> parts.add(en.getValue() + " " + en.getKey()));
        String summary = String.join(", ", parts);
        if (!others.isEmpty()) {
            summary = summary.isEmpty() ? String.join("; ", others) : summary + "; " + String.join("; ", others);
        }
        b.append(summary);
        if (correlation != null) {
            b.append(" · #").append(MessageIds.shortForm(correlation));
        }
        return b.toString();
    }
}
