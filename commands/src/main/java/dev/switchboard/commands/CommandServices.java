package dev.switchboard.commands;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.routing.MessageRouter;
import java.time.Clock;
import java.util.function.Supplier;

/** What commands may use. The config supplier returns the current config (it reloads while running). */
public record CommandServices(MessageRouter router, MessageQueue queue, AgentRegistry agents,
                             Supplier<SwitchboardConfig> config, Clock clock) {
}
