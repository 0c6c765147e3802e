package dev.switchboard.commands;

import dev.switchboard.core.message.Role;

/**
 * One command. Implementations are picocli-annotated classes ({@code @Command}, {@code @Option},
 * {@code @Parameters}): picocli parses the arguments into a fresh instance, then {@link #run} executes it.
 */
public interface SwitchboardCommand {
    /** The least role that may run it. */
    Role requiredRole();

    Reply run(CommandContext context);

    /**
     * Whether it only looks (status, listings, help): such commands still run from the terminal when the
     * config file is broken, so the queue can be inspected while the file is fixed.
     */
    default boolean readOnly() {
        return false;
    }

    /**
     * Commands whose last positional parameter is free text: in chat the text after the leading arguments is
     * passed through exactly (spaces, quotes and newlines kept) instead of being split into words.
     */
    interface TakesText {
        /** How many positional arguments come before the text (e.g. 1 for {@code msg <agent> <text>}). */
        int positionalsBeforeText();
    }
}
