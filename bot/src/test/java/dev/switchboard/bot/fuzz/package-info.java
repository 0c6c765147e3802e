/** Seeded fuzz tests of the chat front-ends (Discord and Twitch) through their local fake servers. */
package dev.switchboard.bot.fuzz;
