package dev.switchboard.commands.builtin;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.routing.AgentMessageHandler;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Shared wording of replies, so every command says things the same way. */
final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private Formats() {}

    static String shortId(String id) {
        return "#" + MessageIds.shortForm(id);
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String dateTime(Instant t) {
        return DATE_TIME.format(t);
    }

    /** "delivered (inbox, verified)", "retry wait: window closed", "dead: gave up after 5 attempts: …". */
    static String state(QueuedMessage m) {
        StringBuilder b = new StringBuilder(m.state().label());
        switch (m.state()) {
            case DELIVERED, READ -> {
                if (m.method() != null) {
                    b.append(" (")
                            .append(m.method())
                            .append(", ")
                            .append(Boolean.TRUE.equals(m.verified()) ? "verified" : "unverified")
                            .append(')');
                }
            }
            case RETRY_WAIT, DEAD -> {
                if (m.lastError() != null) {
                    b.append(": ").append(m.lastError());
                }
            }
            default -> {}
        }
        return b.toString();
    }

    /** The first line of a text, cut to {@code max} characters. */
    static String preview(String text, int max) {
        String first = text.strip().lines().findFirst().orElse("");
        boolean cut = first.length() > max || text.strip().contains("\n");
        return (first.length() > max ? first.substring(0, max) : first) + (cut ? "…" : "");
    }

    static AgentConfig agent(AgentRegistry agents, String name) {
        return agents.resolve(name).orElseThrow(() -> AgentMessageHandler.unknownAgent(agents, name));
    }
}
