package dev.switchboard.commands;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.snapshot.SnapshotSource;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What commands may use. The config supplier returns the current config (it reloads while running);
 * {@code snapshots} shows what an agent shows (for {@code peek}).
 */
public record CommandServices(MessageRouter router, MessageQueue queue, AgentRegistry agents,
                             Supplier<SwitchboardConfig> config, Clock clock, SnapshotSource snapshots) {
    public CommandServices {
        snapshots = snapshots == null ? SnapshotSource.NONE : snapshots;
    }

    /** Without snapshots: {@code peek} then says it is not available. */
    public CommandServices(MessageRouter router, MessageQueue queue, AgentRegistry agents,
                           Supplier<SwitchboardConfig> config, Clock clock) {
        this(router, queue, agents, config, clock, null);
    }
}
