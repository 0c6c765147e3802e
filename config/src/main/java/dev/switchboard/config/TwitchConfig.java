package dev.switchboard.config;

import java.nio.file.Path;
import java.util.List;

/** Twitch chat settings; the bridge starts only when {@code SWITCHBOARD_TWITCH_TOKEN} is set. */
public record TwitchConfig(String login, List<String> channels, List<String> operators, String ircUrl,
                           String greeting, Path quotesFile) {
    public TwitchConfig {
        channels = channels == null ? List.of() : List.copyOf(channels);
        operators = operators == null ? List.of() : List.copyOf(operators);
        ircUrl = ircUrl == null || ircUrl.isBlank() ? "wss://irc-ws.chat.twitch.tv:443" : ircUrl;
    }

    public static TwitchConfig defaults() {
        return new TwitchConfig(null, null, null, null, null, null);
    }
}
