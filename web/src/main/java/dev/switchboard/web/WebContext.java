package dev.switchboard.web;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.web.events.EventStream;
import dev.switchboard.web.metrics.FleetMetrics;
import dev.switchboard.web.metrics.PrometheusMetrics;

/**
 * What route handlers work with: the command set (every write goes through it), the queue and agents behind
 * it, the fleet probe, the live event stream (publish your own events there) and the metrics.
 */
public record WebContext(
        CommandSet commands,
        FleetProbe fleet,
        EventStream events,
        FleetMetrics metrics,
        PrometheusMetrics prometheus,
        ApiAuth auth) {

    /** Whoever holds the API token: an admin, rate limited like any chat user (platform HTTP, user "api"). */
    public static final Caller API_CALLER =
            new Caller(new Sender(Platform.HTTP, "api", "web API", Role.ADMIN), Origin.of(Platform.HTTP));

    public MessageQueue queue() {
        return commands.services().queue();
    }

    public AgentRegistry agents() {
        return commands.services().agents();
    }

    public SwitchboardConfig config() {
        return commands.services().config().get();
    }
}
