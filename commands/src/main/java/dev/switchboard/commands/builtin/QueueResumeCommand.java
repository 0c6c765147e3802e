package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = "Resume an agent's deliveries.")
public final class QueueResumeCommand extends BaseCommand {
    @Parameters(paramLabel = "<agent>", description = "Agent id or alias.")
    String agent;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public Reply run(CommandContext ctx) {
        String id = Formats.agent(ctx.services().agents(), agent).id();
        ctx.services().queue().resume(id, ctx.caller().sender().describe());
        return Reply.ok(id + " resumed");
    }
}
