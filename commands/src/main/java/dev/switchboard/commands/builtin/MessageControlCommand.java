package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import picocli.CommandLine.Parameters;

/** An admin command on one message (retry, cancel): applies the change, says what became of the message. */
abstract class MessageControlCommand extends BaseCommand {
    @Parameters(paramLabel = "<id>", description = "Message id or its short form (#3f2a).")
    String id;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public Reply run(CommandContext ctx) {
        QueuedMessage m =
                apply(ctx.services().queue(), id, ctx.caller().sender().describe());
        return Reply.ok(Formats.shortId(m.id()) + " for " + m.agent() + " " + done());
    }

    abstract QueuedMessage apply(MessageQueue queue, String messageId, String by);

    /** What the reply says after the message and its agent. */
    abstract String done();
}
