package dev.switchboard.commands.builtin;

import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import picocli.CommandLine.Command;

@Command(name = "cancel", description = "Cancel a message that is not delivered yet.")
public final class QueueCancelCommand extends MessageControlCommand {
    @Override
    QueuedMessage apply(MessageQueue queue, String messageId, String by) {
        return queue.cancel(messageId, by);
    }

    @Override
    String done() {
        return "cancelled";
    }
}
