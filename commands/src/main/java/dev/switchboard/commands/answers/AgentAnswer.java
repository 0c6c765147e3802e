package dev.switchboard.commands.answers;

/**
 * An answer as an agent gave it, before it is checked.
 *
 * @param agent   who answers (id or alias)
 * @param replyTo the message it answers (full or short id, {@code #} allowed), or null
 * @param to      another agent to send it to instead of people, or null
 * @param body    the text
 * @param source  where it came from, for reports ("outbox file 0930_done.md", "switchboard reply")
 */
public record AgentAnswer(String agent, String replyTo, String to, String body, String source) {}
