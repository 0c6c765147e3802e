package dev.switchboard.core.message;

import java.util.Objects;

/** One agent, every agent with a tag, or every agent. Queued messages always name one agent. */
public record Recipient(Kind kind, String name) {
    public enum Kind {
        AGENT,
        GROUP,
        BROADCAST
    }

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.BROADCAST) {
            Objects.requireNonNull(name, "name");
        }
    }

    public static Recipient agent(String id) {
        return new Recipient(Kind.AGENT, id);
    }

    public static Recipient group(String tag) {
        return new Recipient(Kind.GROUP, tag);
    }

    public static Recipient broadcast() {
        return new Recipient(Kind.BROADCAST, null);
    }
}
