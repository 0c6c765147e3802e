package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import picocli.CommandLine.Command;

@Command(name = "purge-dead", description = "Delete every dead message and its history.")
public final class QueuePurgeDeadCommand extends BaseCommand {
    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public Reply run(CommandContext ctx) {
        int n = ctx.services().queue().purgeDead();
        return Reply.ok(n == 0 ? "no dead messages" : "purged " + n + " dead message(s)");
    }
}
