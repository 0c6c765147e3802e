package dev.switchboard.bot.discord;

import dev.switchboard.config.DiscordConfig;
import java.util.EnumSet;
import java.util.Objects;
import net.dv8tion.jda.api.GatewayEncoding;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;

/**
 * Builds the JDA client from config: the REST base URL and gateway URL come from {@link DiscordConfig} (Discord's
 * own by default), intents are the two the bridge needs (guild messages and their content), caches are off.
 */
final class JdaClients {
    /** The Message Content intent is privileged: it must be enabled for the bot in the developer portal. */
    static final EnumSet<GatewayIntent> INTENTS =
            EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT);

    private JdaClients() {}

    /** Starts logging in; the returned client is connecting (use {@link JDA#awaitReady()}). */
    static JDA build(String token, DiscordConfig config, Object... listeners) {
        Objects.requireNonNull(token, "token");
        return JDABuilder.createLight(token, INTENTS)
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(new FixedGatewaySessionController(config.gatewayUrl()))
                // plain JSON frames: self-hosted Discord-compatible servers rarely speak zlib-stream
                .setCompression(Compression.NONE)
                .setGatewayEncoding(GatewayEncoding.JSON)
                .setEnableShutdownHook(false)
                .addEventListeners(listeners)
                .build();
    }
}
