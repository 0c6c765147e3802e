package dev.switchboard.bot.outbox;

import java.time.Instant;

/**
 * Something an agent wrote to its outbox for the people who message it.
 *
 * @param agent    the agent's id
 * @param fileName the outbox file it came from (now in {@code outbox/sent/})
 * @param text     the file's text, without front matter
 * @param at       when it was picked up
 */
public record AgentAnswer(String agent, String fileName, String text, Instant at) {
}
