/**
 * End-to-end tests of the Discord bridge: the whole service (SQLite queue, workers, inbox delivery) with the real
 * JDA client against the fake Discord.
 */
package dev.switchboard.bot.discord.e2e;
