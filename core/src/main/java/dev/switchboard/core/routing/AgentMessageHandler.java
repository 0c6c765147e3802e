package dev.switchboard.core.routing;

import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.UnifiedMessage;
import java.util.List;

/** A message to one agent, named by id or alias in any case; unknown names get a suggestion. */
public final class AgentMessageHandler implements MessageHandler {
    private final AgentRegistry agents;

    public AgentMessageHandler(AgentRegistry agents) {
        this.agents = agents;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean handles(UnifiedMessage message) {
        return message.recipient().kind() == Recipient.Kind.AGENT;
    }

    @Override
    public List<UnifiedMessage> expand(UnifiedMessage message) {
        String name = message.recipient().name();
        return agents.resolve(name)
                .map(a -> List.of(message.withRecipient(Recipient.agent(a.id()))))
                .orElseThrow(() -> unknownAgent(agents, name));
    }

    public static RejectedException unknownAgent(AgentRegistry agents, String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return new RejectedException(
                RejectedException.Reason.UNKNOWN_AGENT,
                "unknown agent '" + shown + "'"
                        + agents.suggest(name)
                                .map(s -> " — did you mean " + s + "?")
                                .orElse(""));
    }
}
