package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.MessageQueue;
import picocli.CommandLine.Parameters;

/** An admin command on one agent's deliveries (pause, resume): resolves the name, applies, says what it did. */
abstract class AgentControlCommand extends BaseCommand {
    @Parameters(paramLabel = "<agent>", description = "Agent id or alias.")
    String agent;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public Reply run(CommandContext ctx) {
        String id = Formats.agent(ctx.services().agents(), agent).id();
        apply(ctx.services().queue(), id, ctx.caller().sender().describe());
        return Reply.ok(id + " " + done());
    }

    abstract void apply(MessageQueue queue, String agentId, String by);

    /** What the reply says after the agent's name. */
    abstract String done();
}
