package dev.switchboard.commands.builtin;

import dev.switchboard.core.queue.MessageQueue;
import picocli.CommandLine.Command;

@Command(name = "resume", description = "Resume an agent's deliveries.")
public final class QueueResumeCommand extends AgentControlCommand {
    @Override
    void apply(MessageQueue queue, String agentId, String by) {
        queue.resume(agentId, by);
    }

    @Override
    String done() {
        return "resumed";
    }
}
