package dev.switchboard.core.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one message model every front-end produces and every deliverer consumes.
 *
 * @param id            time-ordered unique id (UUIDv7)
 * @param correlationId ties a broadcast's copies, and an agent's reply, to the request
 * @param sender        who sent it
 * @param recipient     to whom; once queued, always one agent
 * @param type          what kind of message it is
 * @param priority      delivery order
 * @param body          the text, exactly as typed
 * @param tags          free labels
 * @param metadata      free key/values (e.g. a reply's source file)
 * @param origin        where status goes back to
 * @param createdAt     when it was accepted
 * @param notBefore     not delivered before this instant
 */
public record UnifiedMessage(
        String id,
        String correlationId,
        Sender sender,
        Recipient recipient,
        MessageType type,
        Priority priority,
        String body,
        List<String> tags,
        Map<String, String> metadata,
        Origin origin,
        Instant createdAt,
        Instant notBefore) {
    public UnifiedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(body, "body");
        correlationId = correlationId == null ? id : correlationId;
        type = type == null ? MessageType.TEXT : type;
        priority = priority == null ? Priority.NORMAL : priority;
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        origin = origin == null ? Origin.of(sender.platform()) : origin;
        createdAt = createdAt == null ? Instant.now() : createdAt;
        notBefore = notBefore == null ? createdAt : notBefore;
    }

    /** A new TEXT message to one agent, with a fresh id, created now. */
    public static UnifiedMessage text(Sender sender, String agent, String body, Priority priority, Origin origin) {
        String id = MessageIds.newId();
        return new UnifiedMessage(
                id,
                id,
                sender,
                Recipient.agent(agent),
                MessageType.TEXT,
                priority,
                body,
                null,
                null,
                origin,
                Instant.now(),
                null);
    }

    /** A copy addressed to one agent with its own id, keeping the correlation id (broadcast fan-out). */
    public UnifiedMessage copyFor(String agent) {
        return new UnifiedMessage(
                MessageIds.newId(),
                correlationId,
                sender,
                Recipient.agent(agent),
                type,
                priority,
                body,
                tags,
                metadata,
                origin,
                createdAt,
                notBefore);
    }

    public UnifiedMessage withRecipient(Recipient newRecipient) {
        return new UnifiedMessage(
                id,
                correlationId,
                sender,
                newRecipient,
                type,
                priority,
                body,
                tags,
                metadata,
                origin,
                createdAt,
                notBefore);
    }

    /** The agent a queued message is for. */
    public String agent() {
        if (recipient.kind() != Recipient.Kind.AGENT) {
            throw new IllegalStateException("message " + id + " is addressed to a " + recipient.kind());
        }
        return recipient.name();
    }
}
