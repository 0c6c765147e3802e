package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "ack",
        description = "Mark a delivered message as read (what moving its inbox file to processed/ does).")
public final class AckCommand extends BaseCommand {
    @Parameters(paramLabel = "<id>", description = "Message id or its short form (#3f2a).")
    String id;

    @Override
    public Role requiredRole() {
        return Role.OPERATOR;
    }

    @Override
    public Reply run(CommandContext ctx) {
        QueuedMessage m = ctx.services()
                .queue()
                .find(id)
                .orElseThrow(() -> new IllegalArgumentException("no message " + (id.startsWith("#") ? id : "#" + id)));
        boolean changed = ctx.services()
                .queue()
                .markRead(m.id(), "acknowledged by " + ctx.caller().sender().displayName());
        return Reply.ok(Formats.shortId(m.id()) + (changed ? " marked read" : " was already read"));
    }
}
