package dev.switchboard.core.message;

import java.util.Objects;

/**
 * Who sent a message.
 *
 * @param platform    where they are
 * @param userId      their id on that platform (stable; used for rate limits and allowlists)
 * @param displayName what to call them
 * @param role        what they may do, resolved by the front-end's authorization policy
 */
public record Sender(Platform platform, String userId, String displayName, Role role) {
    public Sender {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(userId, "userId");
        displayName = displayName == null ? userId : displayName;
        role = role == null ? Role.VIEWER : role;
    }

    public static Sender system(String name) {
        return new Sender(Platform.SYSTEM, name, name, Role.ADMIN);
    }

    /** "discord:1234 (alice)" — for inbox front matter and logs. */
    public String describe() {
        return platform.name().toLowerCase(java.util.Locale.ROOT) + ":" + userId
                + (displayName.equals(userId) ? "" : " (" + displayName + ")");
    }
}
