/**
 * A local fake Discord for tests: the REST routes JDA calls (on the JDK's HTTP server) and the gateway protocol
 * (on Java-WebSocket), on 127.0.0.1. The real JDA client logs in to it; tests act as members and read what the bot
 * did from the recorded REST calls.
 */
package dev.switchboard.bot.discord.fake;
