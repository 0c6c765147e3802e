package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.Schedule;
import dev.switchboard.core.queue.Schedules;
import java.util.ArrayList;
import java.util.List;

/** {@code queue list --scheduled}: recurring schedules, then one-shot messages waiting for their time. */
final class ScheduledList {
    private ScheduledList() {}

    static Reply reply(CommandContext ctx, String agent, int limit) {
        Schedules schedules = ctx.services().queue().schedules();
        List<Schedule> recurring = schedules.list(agent);
        List<QueuedMessage> waiting = schedules.waiting(agent, limit);
        List<String> lines = new ArrayList<>();
        for (Schedule s : recurring.subList(0, Math.min(limit, recurring.size()))) {
            lines.add(Formats.shortId(s.id()) + "  " + s.agent() + "  every " + Schedule.describe(s.every())
                    + ", next " + When.describe(s.nextAt(), ctx.services().clock()) + "  "
                    + s.template().priority().name().toLowerCase() + "  \""
                    + Formats.preview(s.template().body(), 40)
                    + "\"");
        }
        for (QueuedMessage m : waiting) {
            lines.add(Formats.shortId(m.id()) + "  " + m.agent() + "  at "
                    + When.describe(m.nextAttempt(), ctx.services().clock()) + "  "
                    + m.message().priority().name().toLowerCase() + "  \""
                    + Formats.preview(m.message().body(), 40)
                    + "\"");
        }
        if (lines.isEmpty()) {
            return Reply.ok("nothing scheduled");
        }
        return Reply.ok(
                recurring.size() + " schedule(s), " + waiting.size() + " message(s) waiting for their time", lines);
    }
}
