package dev.switchboard.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Twitch chat settings; the bridge starts only when {@code SWITCHBOARD_TWITCH_TOKEN} is set.
 *
 * @param login           the bot account's login
 * @param channels        channels to join (without {@code #})
 * @param operators       logins allowed to steer agents besides the broadcaster and moderators
 * @param ircUrl          chat server; Twitch's by default, a local one for tests
 * @param greeting        said once when a channel is joined; null = say nothing
 * @param quotesFile      one quote a line for {@code !quote}; null = the built-in set
 * @param rateMessages    at most this many chat messages ...
 * @param rateSeconds     ... in any window of this many seconds (Twitch: 20 in 30 s, 100 if the bot is a moderator)
 * @param cooldownSeconds a viewer's commands are ignored for this long after one is answered
 * @param authUrl         where the token is checked at start (Twitch's validate endpoint by default; a local or
 *                        self-hosted one for tests and private chat servers)
 */
public record TwitchConfig(
        String login,
        List<String> channels,
        List<String> operators,
        String ircUrl,
        String greeting,
        Path quotesFile,
        Integer rateMessages,
        Integer rateSeconds,
        Integer cooldownSeconds,
        String authUrl) {
    public static final String TWITCH_AUTH_URL = "https://id.twitch.tv/oauth2/validate";

    public TwitchConfig {
        channels = channels == null ? List.of() : List.copyOf(channels);
        operators = operators == null ? List.of() : List.copyOf(operators);
        ircUrl = ircUrl == null || ircUrl.isBlank() ? "wss://irc-ws.chat.twitch.tv:443" : ircUrl;
        greeting = greeting == null || greeting.isBlank() ? null : greeting;
        rateMessages = rateMessages == null ? 20 : rateMessages;
        rateSeconds = rateSeconds == null ? 30 : rateSeconds;
        cooldownSeconds = cooldownSeconds == null ? 10 : cooldownSeconds;
        authUrl = authUrl == null || authUrl.isBlank() ? TWITCH_AUTH_URL : authUrl;
    }

    public static TwitchConfig defaults() {
        return new TwitchConfig(null, null, null, null, null, null, null, null, null, null);
    }

    public TwitchConfig withQuotesFile(Path newQuotesFile) {
        return new TwitchConfig(
                login,
                channels,
                operators,
                ircUrl,
                greeting,
                newQuotesFile,
                rateMessages,
                rateSeconds,
                cooldownSeconds,
                authUrl);
    }
}
