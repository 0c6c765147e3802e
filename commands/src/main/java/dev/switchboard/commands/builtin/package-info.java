/** The built-in commands, one class each; {@link dev.switchboard.commands.CommandCatalog} lists them. */
package dev.switchboard.commands.builtin;
