package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.snapshot.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * What an agent shows now: a picture of its window (GUI), the last lines of its pane (tmux), or its newest
 * inbox and outbox files. Admins only: a screen can show anything.
 */
@Command(
        name = "peek",
        description = "Show what an agent shows now: its window (gui), pane (tmux) or newest" + " inbox/outbox files.")
public final class PeekCommand extends BaseCommand {
    @Parameters(paramLabel = "<agent>", description = "Agent id or alias.")
    String agent;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public Reply run(CommandContext ctx) {
        AgentConfig a = Formats.agent(ctx.services().agents(), agent);
        try {
            Snapshot s = ctx.services().snapshots().take(a);
            return Reply.ok(s.title(), s.lines(), s.attachments());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("peek at " + a.id() + " was interrupted");
        }
    }
}
