package dev.switchboard.commands.builtin;

import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import picocli.CommandLine.Command;

@Command(name = "retry", description = "Deliver a dead or waiting message again, from attempt 1.")
public final class QueueRetryCommand extends MessageControlCommand {
    @Override
    QueuedMessage apply(MessageQueue queue, String messageId, String by) {
        return queue.retry(messageId, by);
    }

    @Override
    String done() {
        return "requeued";
    }
}
