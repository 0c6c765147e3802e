package dev.switchboard.commands;

/** One invocation: the services and who is asking. */
public record CommandContext(CommandServices services, Caller caller) {}
