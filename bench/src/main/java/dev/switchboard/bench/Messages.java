package dev.switchboard.bench;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
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

/** Realistic benchmark messages: a Discord operator's request of chat length to one of the eight agents. */
final class Messages {
    static final List<String> AGENTS =
            SwitchboardConfig.defaultAgents().stream().map(AgentConfig::id).toList();
    private static final Sender SENDER = new Sender(Platform.DISCORD, "184467440737095516", "alice", Role.OPERATOR);
    private static final Origin ORIGIN =
            new Origin(Platform.DISCORD, "1100000000000000001", "1200000000000000002", "1300000000000000003", null);
    static final String BODY = "please rebase onto main, rerun the integration tests and post the failures here";

    /** Between two messages of the filled history. */
    static final long HISTORY_SPACING_MS = 250;

    private Messages() {}

    static String agent(long n) {
        return AGENTS.get((int) (n % AGENTS.size()));
    }

    static UnifiedMessage request(long n) {
        return UnifiedMessage.text(SENDER, agent(n), BODY + " (" + n + ")", Priority.NORMAL, ORIGIN);
    }

    /** The {@code n}th message of a history that starts at {@code startMillis}, one every 250 ms. */
    static UnifiedMessage history(int n, long startMillis) {
        String id = MessageIds.newId();
        return new UnifiedMessage(
                id,
                id,
                SENDER,
                Recipient.agent(agent(n)),
                MessageType.TEXT,
                Priority.NORMAL,
                BODY + " (" + n + ")",
                null,
                null,
                ORIGIN,
                Instant.ofEpochMilli(startMillis + n * HISTORY_SPACING_MS),
                null);
    }
}
