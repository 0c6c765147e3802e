package dev.switchboard.bot.discord;

import dev.switchboard.config.DiscordConfig;
import java.util.Optional;

/**
 * Which chat messages are commands: in the configured guild (if one is set), in a listed channel (none listed:
 * any channel the bot can read), starting with the prefix. The bot's own and other bots' messages never are.
 */
final class ChatFilter {
    private final DiscordConfig config;

    public ChatFilter(DiscordConfig config) {
        this.config = config;
    }

    /** Whether commands (chat or slash) are taken in this guild and channel. */
    public boolean allows(String guildId, String channelId) {
        return (config.guildId() == null || config.guildId().equals(guildId))
                && (config.channels().isEmpty() || config.channels().contains(channelId));
    }

    /** Where commands are taken, as Discord channel mentions (they link, they do not ping). */
    public String allowedChannels() {
        return String.join(
                ", ", config.channels().stream().map(id -> "<#" + id + ">").toList());
    }

    /** @return the command line without the prefix, or empty if the message is not for us */
    public Optional<String> commandLine(String guildId, String channelId, boolean fromBot, String content) {
        if (fromBot || content == null || !content.startsWith(config.prefix())) {
            return Optional.empty();
        }
        if (!allows(guildId, channelId)) {
            return Optional.empty();
        }
        String line = content.substring(config.prefix().length());
        return line.isBlank() || Character.isWhitespace(line.charAt(0)) ? Optional.empty() : Optional.of(line);
    }
}
