/**
 * Agents' answers: files they write to their outbox, picked up once and handed to the chat front-ends.
 */
package dev.switchboard.bot.outbox;
