package dev.switchboard.bot.twitch;

/**
 * One line the bot will say.
 *
 * @param channel  channel login, without {@code #}
 * @param text     already sanitised and at most {@link ChatText#MAX_LENGTH} characters
 * @param replyTo  chat message id to reply to (Twitch reply tag), or null
 * @param optional may be dropped when the send budget is short (answers to viewers); status of a queued
 *                 message and answers to operators are not optional
 */
record OutgoingChat(String channel, String text, String replyTo, boolean optional) {}
