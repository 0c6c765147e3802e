package dev.switchboard.bot;

import dev.switchboard.bot.discord.ChatCommands;
import dev.switchboard.bot.discord.DiscordBridge;
import dev.switchboard.config.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The chat bridges to start: each only when its token is in the environment. */
final class Bridges {
    private Bridges() {
    }

    static List<Bridge> create(App app, Secrets secrets) {
        List<Bridge> bridges = new ArrayList<>();
        secrets.discordToken().ifPresent(token -> bridges.add(new DiscordBridge(app.currentConfig().discord(), token,
                ChatCommands.of(app.commands()), app.bus(), () -> app.queue().stats().paused(),
                Duration.ofSeconds(5))));
        return bridges;
    }
}
