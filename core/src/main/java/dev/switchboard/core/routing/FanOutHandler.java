package dev.switchboard.core.routing;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.UnifiedMessage;
import java.util.List;

/**
 * A broadcast (every agent) or a group (every agent with a tag): one copy per agent, each with its own id,
 * all sharing the request's correlation id.
 */
public final class FanOutHandler implements MessageHandler {
    private final AgentRegistry agents;

    public FanOutHandler(AgentRegistry agents) {
        this.agents = agents;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean handles(UnifiedMessage message) {
        return message.recipient().kind() != Recipient.Kind.AGENT;
    }

    @Override
    public List<UnifiedMessage> expand(UnifiedMessage message) {
        List<AgentConfig> targets = message.recipient().kind() == Recipient.Kind.BROADCAST
                ? agents.all()
                : agents.withTag(message.recipient().name());
        if (targets.isEmpty()) {
            throw new RejectedException(
                    RejectedException.Reason.NO_RECIPIENTS,
                    "no agent has the tag '" + message.recipient().name() + "'");
        }
        return targets.stream().map(a -> message.copyFor(a.id())).toList();
    }
}
