package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Role;
import picocli.CommandLine.Command;

@Command(
        name = "queue",
        description = "Inspect and steer the queue (list, retry, cancel, purge-dead, pause, resume).",
        subcommands = {
            QueueListCommand.class,
            QueueRetryCommand.class,
            QueueCancelCommand.class,
            QueuePurgeDeadCommand.class,
            QueuePauseCommand.class,
            QueueResumeCommand.class
        })
public final class QueueCommand extends BaseCommand {
    @Override
    public Role requiredRole() {
        return Role.OPERATOR;
    }

    /** Plain {@code queue} lists, like {@code queue list}. */
    @Override
    public Reply run(CommandContext ctx) {
        return new QueueListCommand().run(ctx);
    }
}
