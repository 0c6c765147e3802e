/**
 * A local Twitch chat for tests: IRC over WebSocket on 127.0.0.1 ({@link dev.switchboard.bot.twitch.fake.FakeTwitchChat}),
 * chat users with tmi's tags, and a token check that answers without Twitch. The real twitch4j client runs
 * against it unchanged.
 */
package dev.switchboard.bot.twitch.fake;
