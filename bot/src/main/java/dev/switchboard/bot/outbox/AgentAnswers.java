package dev.switchboard.bot.outbox;

import java.util.function.Consumer;

/** Where front-ends get agents' answers from. */
public interface AgentAnswers {
    /** No answers (the CLI, which does not watch outboxes). */
    AgentAnswers NONE = listener -> () -> { };

    /** @return a handle that unsubscribes when closed */
    AutoCloseable subscribe(Consumer<AgentAnswer> listener);
}
