package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List messages, newest first (default: those not yet delivered).")
public final class QueueListCommand extends BaseCommand {
    @Option(
            names = {"-a", "--agent"},
            paramLabel = "<agent>",
            description = "Only this agent's messages.")
    String agent;

    @Option(
            names = {"-s", "--state"},
            paramLabel = "<state>",
            split = ",",
            description = "States to show, e.g. queued,dead (default: queued,delivering,retry_wait,dead).")
    Set<MessageState> states;

    @Option(names = "--all", description = "Every state.")
    boolean all;

    @Option(
            names = "--scheduled",
            description =
                    "Schedules (msg --every) and messages waiting for their time" + " (msg --in/--at), soonest first.")
    boolean scheduled;

    @Option(
            names = {"-n", "--limit"},
            paramLabel = "<n>",
            description = "At most this many (default 20).")
    int limit = 20;

    @Override
    public Role requiredRole() {
        return Role.OPERATOR;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Reply run(CommandContext ctx) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("--limit must be between 1 and 1000");
        }
        String agentId = agent == null
                ? null
                : ctx.services().agents().resolve(agent).isEmpty()
                                && ctx.services().queue().stats().byAgent().containsKey(agent)
                        ? agent // orphaned: no longer in the config, but its messages are still here
                        : Formats.agent(ctx.services().agents(), agent).id();
        if (scheduled) {
            return ScheduledList.reply(ctx, agentId, limit);
        }
        Set<MessageState> wanted = all
                ? Set.of()
                : states != null
                        ? states
                        : EnumSet.of(
                                MessageState.QUEUED,
                                MessageState.DELIVERING,
                                MessageState.RETRY_WAIT,
                                MessageState.DEAD);
        List<QueuedMessage> found = ctx.services().queue().list(wanted, agentId, limit);
        List<String> lines = new ArrayList<>();
        for (QueuedMessage m : found) {
            lines.add(Formats.shortId(m.id()) + "  " + m.agent() + "  " + Formats.state(m) + "  "
                    + m.message().priority().name().toLowerCase() + "  \""
                    + Formats.preview(m.message().body(), 40)
                    + "\"");
        }
        String scope = all
                ? "all"
                : wanted.stream().map(MessageState::label).sorted().toList().toString();
        return Reply.ok(found.isEmpty() ? "no messages " + scope : found.size() + " message(s) " + scope, lines);
    }
}
