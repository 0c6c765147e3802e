package dev.switchboard.bot.discord;

import java.util.Objects;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * Connects to a configured gateway URL. For a single shard JDA does not ask REST for the gateway URL; it takes
 * it from the session controller, so this is where {@code discord.gateway_url} (self-hosted servers, the local
 * fake in tests) takes effect.
 */
final class FixedGatewaySessionController extends ConcurrentSessionController {
    private final String gatewayUrl;

    FixedGatewaySessionController(String gatewayUrl) {
        this.gatewayUrl = Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }
}
