/**
 * Twitch chat presence on twitch4j. {@link dev.switchboard.bot.twitch.TwitchBridge} is the thin adapter: it turns
 * chat lines into {@link dev.switchboard.bot.twitch.IncomingChat} and sends what
 * {@link dev.switchboard.bot.twitch.ChatOutbox} hands it. Everything else here is plain logic without twitch4j
 * types — who may do what ({@link dev.switchboard.bot.twitch.TwitchRoles}), cooldowns and the send budget,
 * rendering and sanitising lines, quotes, following a message's status — and is unit-tested with strings.
 */
package dev.switchboard.bot.twitch;
