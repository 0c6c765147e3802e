package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Instant;
import java.util.List;

/** Messages and agents for the delivery tests (the clock and polling come from the core test jar). */
final class Fixtures {
    static final Sender ALICE = new Sender(Platform.DISCORD, "1001", "alice \"the\" admin", Role.OPERATOR);

    private Fixtures() {}

    static UnifiedMessage message(String agent, String body) {
        String id = MessageIds.newId();
        return new UnifiedMessage(
                id,
                id,
                ALICE,
                Recipient.agent(agent),
                MessageType.TEXT,
                Priority.NORMAL,
                body,
                null,
                null,
                Origin.of(Platform.DISCORD),
                Instant.now(),
                null);
    }

    static AgentConfig agent(String id, DeliveryMethod... methods) {
        return new AgentConfig(id, List.of(), List.of(), List.of(methods), null, null, null);
    }
}
