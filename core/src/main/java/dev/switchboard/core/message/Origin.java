package dev.switchboard.core.message;

/**
 * Where status about a message goes back to: the platform and, as it applies, guild, channel, the chat
 * message that asked (for reactions and replies) and thread. Any part may be null.
 */
public record Origin(Platform platform, String guildId, String channelId, String messageId, String threadId) {
    public static Origin of(Platform platform) {
        return new Origin(platform, null, null, null, null);
    }
}
