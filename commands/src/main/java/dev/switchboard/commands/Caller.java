package dev.switchboard.commands;

import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;

/**
 * Who runs a command and where the answer and later status go. The front-end resolves the role from its
 * platform's allowlists before calling; anyone unknown is a {@link Role#VIEWER}.
 */
public record Caller(Sender sender, Origin origin) {
    public Caller {
        java.util.Objects.requireNonNull(sender, "sender");
        origin = origin == null ? Origin.of(sender.platform()) : origin;
    }

    /** The person at this machine's terminal: trusted as admin (they own the data directory anyway). */
    public static Caller local(Platform platform) {
        String user = System.getProperty("user.name", "local");
        return new Caller(new Sender(platform, user, user, Role.ADMIN), Origin.of(platform));
    }

    public Role role() {
        return sender.role();
    }
}
