package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueueStats;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "status",
        description = "Show one message's state and history, or a summary of the queue and"
                + " of the services (state, uptime, restarts).")
public final class StatusCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "<id>", description = "Message id or its short form (#3f2a).")
    String id;

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
        if (id == null) {
            QueueStats s = ctx.services().queue().stats();
            String counts = Stream.of(MessageState.values())
                    .map(st -> st.label() + " " + s.count(st))
                    .collect(Collectors.joining(" · "));
            List<String> lines = new ArrayList<>();
            lines.add(counts);
            if (!s.paused().isEmpty()) {
                lines.add("paused: " + String.join(", ", s.paused()));
            }
            lines.addAll(ServiceLines.of(
                    ctx.services().config().get().dataDir(), ctx.services().clock()));
            return Reply.ok("queue", lines);
        }
        QueuedMessage m = ctx.services()
                .queue()
                .find(id)
                .orElseThrow(() -> new IllegalArgumentException("no message " + (id.startsWith("#") ? id : "#" + id)));
        List<String> lines = new ArrayList<>();
        lines.add("from " + m.message().sender().displayName() + " · "
                + m.message().priority().name().toLowerCase() + " · " + m.attempts() + " attempt(s) · id " + m.id());
        for (Transition t : ctx.services().queue().history(m.id())) {
            // A delivering step carries the method that started typing, with no verdict yet.
            String extra = t.method() == null
                    ? ""
                    : t.verified() == null
                            ? " (" + t.method() + ")"
                            : " (" + t.method() + ", " + (t.verified() ? "verified" : "unverified") + ")";
            lines.add(Formats.dateTime(t.at()) + "  " + t.to().label() + extra
                    + (t.detail() != null ? ": " + t.detail() : ""));
        }
        return Reply.ok(Formats.shortId(m.id()) + " → " + m.agent() + ": " + Formats.state(m), lines);
    }
}
