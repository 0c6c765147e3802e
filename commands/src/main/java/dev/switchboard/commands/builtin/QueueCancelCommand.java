package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Cancel a message that is not delivered yet.")
public final class QueueCancelCommand extends BaseCommand {
    @Parameters(paramLabel = "<id>", description = "Message id or its short form (#3f2a).")
    String id;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public Reply run(CommandContext ctx) {
        QueuedMessage m = ctx.services().queue().cancel(id, ctx.caller().sender().describe());
        return Reply.ok(Formats.shortId(m.id()) + " for " + m.agent() + " cancelled");
    }
}
