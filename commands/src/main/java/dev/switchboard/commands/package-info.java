/**
 * The one command set every front-end uses (chat text, the terminal CLI, Discord slash commands): parsing,
 * authorization by role, and platform-neutral replies. No platform types here.
 */
package dev.switchboard.commands;
