package dev.switchboard.commands.track;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Sender;
import java.time.Instant;

/** Status events as plain data for tests. */
final class Events {
    private Events() {}

    static StatusEvent event(long seq, String id, MessageState from, MessageState to) {
        return event(seq, id, from, to, null, null, null);
    }

    static StatusEvent event(
            long seq, String id, MessageState from, MessageState to, String method, Boolean verified, String detail) {
        return new StatusEvent(
                seq,
                id,
                id,
                "Agent-2",
                from,
                to,
                1,
                method,
                verified,
                detail,
                Instant.EPOCH,
                new Sender(Platform.DISCORD, "101", "alice", null),
                new Origin(Platform.DISCORD, "1", "2", "3", null));
    }
}
