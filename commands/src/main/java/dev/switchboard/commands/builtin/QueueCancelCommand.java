package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.Schedule;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "cancel", description = "Cancel a message that is not delivered yet, or a schedule (msg --every).")
public final class QueueCancelCommand extends MessageControlCommand {
    @Override
    public Reply run(CommandContext ctx) {
        MessageQueue queue = ctx.services().queue();
        Optional<Schedule> schedule = queue.schedules().find(id);
        if (schedule.isEmpty()) {
            return super.run(ctx);
        }
        if (queue.find(id).isPresent()) {
            throw new IllegalArgumentException(id + " matches a schedule and a message; give more of the id");
        }
        Schedule s = queue.schedules()
                .cancel(schedule.get().id(), ctx.caller().sender().describe());
        String before = s.fired() == 0
                ? "it had not fired yet"
                : s.fired() + (s.fired() == 1 ? " copy" : " copies") + " queued before stay as they are";
        return Reply.ok("schedule " + Formats.shortId(s.id()) + " for " + s.agent() + " (every "
                + Schedule.describe(s.every()) + ") cancelled; " + before);
    }

    @Override
    QueuedMessage apply(MessageQueue queue, String messageId, String by) {
        return queue.cancel(messageId, by);
    }

    @Override
    String done() {
        return "cancelled";
    }
}
