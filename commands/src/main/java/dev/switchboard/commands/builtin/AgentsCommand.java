package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueueStats;
import dev.switchboard.core.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "agents", description = "List the agents: delivery methods, queue depth, last delivery, paused.")
public final class AgentsCommand extends BaseCommand {
    @Override
    public Role requiredRole() {
        return Role.VIEWER;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Reply run(CommandContext ctx) {
        QueueStats stats = ctx.services().queue().stats();
        List<String> lines = new ArrayList<>();
        for (AgentConfig a : ctx.services().agents().all()) {
            StringBuilder b = new StringBuilder(a.id());
            if (!a.aliases().isEmpty()) {
                b.append(" (").append(String.join(", ", a.aliases())).append(')');
            }
            b.append(" · ")
                    .append(a.delivery().stream().map(DeliveryMethod::key).collect(Collectors.joining(" → ")));
            b.append(" · ").append(stats.pending(a.id())).append(" pending");
            List<QueuedMessage> last =
                    ctx.services().queue().list(List.of(MessageState.DELIVERED, MessageState.READ), a.id(), 1);
            b.append(" · last delivery ").append(last.isEmpty() ? "never" : deliveredAt(ctx, last.get(0)));
            if (a.remote()) {
                b.append(" · node ").append(a.node()).append(' ').append(nodeState(ctx, a.node()));
            }
            if (stats.paused().contains(a.id())) {
                b.append(" · PAUSED");
            }
            lines.add(b.toString());
        }
        int configured = lines.size();
        // Messages for an agent no longer in the config stay queued, with no worker: say so, never hide them.
        for (String agent : stats.byAgent().keySet()) {
            long pending = stats.pending(agent);
            if (pending > 0 && ctx.services().agents().resolve(agent).isEmpty()) {
                lines.add(agent + " · orphaned: not in the config · " + pending + " pending (add it back, or"
                        + " cancel them: queue list --agent " + agent + ")");
            }
        }
        return Reply.ok(
                configured + " agents"
                        + (lines.size() > configured ? ", " + (lines.size() - configured) + " orphaned" : ""),
                lines);
    }

    /** As the running hub last wrote it in {@code <data_dir>/nodes.json}; "unknown" without a running hub. */
    private static String nodeState(CommandContext ctx, String node) {
        java.nio.file.Path file = ctx.services().config().get().dataDir().resolve("nodes.json");
        try {
            com.fasterxml.jackson.databind.JsonNode states =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            return states != null && states.hasNonNull(node) ? states.get(node).asText() : "(state unknown)";
        } catch (java.io.IOException e) {
            return "(state unknown: is the hub running?)";
        }
    }

    /** When it was delivered (a read message's own update time is when it was read). */
    private static String deliveredAt(CommandContext ctx, QueuedMessage m) {
        return ctx.services().queue().history(m.id()).stream()
                .filter(t -> t.to() == MessageState.DELIVERED)
                .reduce((first, second) -> second)
                .map(t -> Formats.time(t.at()))
                .orElse(Formats.time(m.updatedAt()));
    }
}
