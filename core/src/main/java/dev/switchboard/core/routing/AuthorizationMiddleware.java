package dev.switchboard.core.routing;

import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.UnifiedMessage;

/**
 * Default deny: sending needs the operator role, onboarding and system messages need admin. The role was
 * resolved by the front-end from its platform's allowlists; anyone it did not recognise is a viewer.
 */
public final class AuthorizationMiddleware implements Middleware {

    public static Role required(MessageType type) {
        return switch (type) {
            case TEXT, BROADCAST, GAS, REPLY -> Role.OPERATOR;
            case ONBOARDING, SYSTEM -> Role.ADMIN;
        };
    }

    @Override
    public void check(UnifiedMessage message) {
        if (message.sender().platform() == Platform.SYSTEM) {
            return;
        }
        Role needed = required(message.type());
        if (!message.sender().role().atLeast(needed)) {
            throw new RejectedException(
                    RejectedException.Reason.NOT_AUTHORIZED,
                    message.sender().displayName() + " is not allowed to send messages to agents (needs "
                            + needed.name().toLowerCase() + ")");
        }
    }
}
