package dev.switchboard.commands;

import dev.switchboard.core.message.Role;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command as front-ends see it: for help lists and for building Discord slash commands from the same
 * definition (options and parameters are in {@code spec}).
 */
public record CommandInfo(String name, String description, Role requiredRole, CommandSpec spec) {}
