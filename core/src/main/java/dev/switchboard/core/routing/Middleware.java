package dev.switchboard.core.routing;

import dev.switchboard.core.message.UnifiedMessage;

/** A check every submitted message passes before any handler sees it (validation, authorization, ...). */
public interface Middleware {
    /** @throws RejectedException to refuse the message */
    void check(UnifiedMessage message);
}
