package dev.switchboard.commands.builtin;

import dev.switchboard.core.queue.MessageQueue;
import picocli.CommandLine.Command;

@Command(name = "pause", description = "Hold an agent's deliveries (messages still queue).")
public final class QueuePauseCommand extends AgentControlCommand {
    @Override
    void apply(MessageQueue queue, String agentId, String by) {
        queue.pause(agentId, by);
    }

    @Override
    String done() {
        return "paused — messages are held";
    }
}
