/**
 * Turning what a person typed (a chat line, or a shell's arguments) into a command's arguments, with one rule
 * for where a message's options end and its exact text begins ({@link dev.switchboard.commands.parse.TextArgs}).
 */
package dev.switchboard.commands.parse;
