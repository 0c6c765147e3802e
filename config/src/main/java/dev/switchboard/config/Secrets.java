package dev.switchboard.config;

import java.util.Map;
import java.util.Optional;

/**
 * Tokens, read only from the environment so they never sit in a committed file. {@link #toString()} never
 * shows them, so logging this record is safe.
 */
public record Secrets(Optional<String> discordToken, Optional<String> twitchToken, Optional<String> apiToken) {
    public static final String DISCORD_TOKEN = "SWITCHBOARD_DISCORD_TOKEN";
    public static final String TWITCH_TOKEN = "SWITCHBOARD_TWITCH_TOKEN";
    public static final String API_TOKEN = "SWITCHBOARD_API_TOKEN";

    public static Secrets fromEnvironment() {
        return from(System.getenv());
    }

    public static Secrets from(Map<String, String> env) {
        return new Secrets(
                nonBlank(env.get(DISCORD_TOKEN)), nonBlank(env.get(TWITCH_TOKEN)), nonBlank(env.get(API_TOKEN)));
    }

    /** The tokens that are set, for masking them wherever text is written (log files). */
    public java.util.List<String> values() {
        return java.util.stream.Stream.of(discordToken, twitchToken, apiToken)
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return "Secrets[discordToken=" + mask(discordToken) + ", twitchToken=" + mask(twitchToken) + ", apiToken="
                + mask(apiToken) + "]";
    }

    private static String mask(Optional<String> token) {
        return token.isPresent() ? "(set)" : "(unset)";
    }
}
