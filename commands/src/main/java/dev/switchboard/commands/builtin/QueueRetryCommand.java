package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = "Deliver a dead or waiting message again, from attempt 1.")
public final class QueueRetryCommand extends BaseCommand {
    @Parameters(paramLabel = "<id>", description = "Message id or its short form (#3f2a).")
    String id;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public Reply run(CommandContext ctx) {
        QueuedMessage m = ctx.services().queue().retry(id, ctx.caller().sender().describe());
        return Reply.ok(Formats.shortId(m.id()) + " for " + m.agent() + " requeued");
    }
}
