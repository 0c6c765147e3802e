package dev.switchboard.core.answers;

import dev.switchboard.core.message.Origin;
import java.time.Instant;
import java.util.Objects;

/**
 * Something to show people: an agent's answer, or a notice from the switchboard itself (a gas prompt, an
 * onboarding). Stored before it is shown; shown once.
 *
 * @param id          unique id (time-ordered)
 * @param kind        answer or notice
 * @param agent       the agent who answered, or whom the notice is about
 * @param replyTo     the message it answers, or null
 * @param destination where it is shown
 * @param origin      for a reply: where the question was asked (channel, message, thread); else null
 * @param body        the text
 * @param createdAt   when it was stored
 */
public record Answer(
        String id,
        Kind kind,
        String agent,
        String replyTo,
        Destination destination,
        Origin origin,
        String body,
        Instant createdAt) {
    public enum Kind {
        ANSWER,
        NOTICE
    }

    public Answer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
