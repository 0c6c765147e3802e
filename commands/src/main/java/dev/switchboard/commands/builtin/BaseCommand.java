package dev.switchboard.commands.builtin;

import dev.switchboard.commands.SwitchboardCommand;
import picocli.CommandLine.Option;

/** Gives every command {@code -h/--help}. */
abstract class BaseCommand implements SwitchboardCommand {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean helpRequested;
}
