package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.List;

/** The reply to a command that queued messages: ids, and a warning for paused agents. */
final class Queued {
    private Queued() {
    }

    static Reply reply(CommandContext ctx, List<QueuedMessage> queued) {
        List<String> lines = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        for (QueuedMessage q : queued) {
            if (queued.size() > 1) {
                lines.add(Formats.shortId(q.id()) + " → " + q.agent());
            }
            if (ctx.services().queue().isPaused(q.agent())) {
                paused.add(q.agent());
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
            title = "queued for " + queued.size() + " agents (correlation " + queued.get(0).message().correlationId()
                    + ")";
        }
        return new Reply(Reply.Status.OK, title, lines, queued.stream().map(QueuedMessage::id).toList());
    }
}
