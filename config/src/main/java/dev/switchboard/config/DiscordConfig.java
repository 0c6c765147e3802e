package dev.switchboard.config;

import java.util.List;

/** Discord bridge settings; the bridge starts only when {@code SWITCHBOARD_DISCORD_TOKEN} is set. */
public record DiscordConfig(
        String prefix,
        String guildId,
        List<String> channels,
        String statusChannel,
        AccessList operators,
        AccessList admins,
        String apiUrl,
        String gatewayUrl) {
    public DiscordConfig {
        prefix = prefix == null || prefix.isEmpty() ? "!" : prefix;
        channels = channels == null ? List.of() : List.copyOf(channels);
        operators = operators == null ? AccessList.empty() : operators;
        admins = admins == null ? AccessList.empty() : admins;
        apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://discord.com/api/v10/" : apiUrl;
        gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? "wss://gateway.discord.gg/" : gatewayUrl;
    }

    public static DiscordConfig defaults() {
        return new DiscordConfig(null, null, null, null, null, null, null, null);
    }
}
