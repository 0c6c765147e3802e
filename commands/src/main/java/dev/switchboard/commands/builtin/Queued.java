package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.QueuedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The reply to a command that queued messages: ids, and a warning for paused agents. */
final class Queued {
    private Queued() {}

    /** Builds a new message from the caller, submits it through the routing pipeline and replies. */
    static Reply submit(CommandContext ctx, Recipient to, MessageType type, Priority priority, String body) {
        String id = MessageIds.newId();
        UnifiedMessage m = new UnifiedMessage(
                id,
                id,
                ctx.caller().sender(),
                to,
                type,
                priority,
                body,
                null,
                null,
                ctx.caller().origin(),
                Instant.now(),
                null);
        return reply(ctx, ctx.services().router().submit(m));
    }

    static Reply reply(CommandContext ctx, List<QueuedMessage> queued) {
        List<String> lines = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        for (QueuedMessage q : queued) {
            if (queued.size() > 1) {
                lines.add(Formats.shortId(q.id()) + " → " + q.agent());
            }
            try {
                if (ctx.services().queue().isPaused(q.agent())) {
                    paused.add(q.agent());
                }
            } catch (QueueException e) {
                // Stored already: a failed look-up for the reply must not turn "queued" into an error, or the
                // user sends it again and the agent gets it twice.
                lines.add("could not check whether " + q.agent() + " is paused: " + e.getMessage());
            }
        }
        if (!paused.isEmpty()) {
            lines.add("paused: " + String.join(", ", paused) + " — held until resumed");
        }
        String title;
        if (queued.size() == 1) {
            QueuedMessage q = queued.get(0);
            title = "queued " + Formats.shortId(q.id()) + " for " + q.agent() + " (id " + q.id() + ")";
        } else {
            title = "queued for " + queued.size() + " agents (correlation "
                    + queued.get(0).message().correlationId() + ")";
        }
        return new Reply(
                Reply.Status.OK,
                title,
                lines,
                queued.stream().map(QueuedMessage::id).toList());
    }
}
