package dev.switchboard.bot;

import dev.switchboard.bot.discord.ChatCommands;
import dev.switchboard.bot.discord.DiscordBridge;
import dev.switchboard.bot.twitch.TwitchBridge;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The chat bridges to start: each only when its token is in the environment. */
final class Bridges {
    private Bridges() {
    }

    static List<Bridge> create(App app, Secrets secrets) {
        List<Bridge> bridges = new ArrayList<>();
        secrets.discordToken().ifPresent(token -> bridges.add(new DiscordBridge(app.currentConfig().discord(), token,
                ChatCommands.of(app.commands()), app.bus(), app.answers(), () -> pausedAgents(app),
                Duration.ofSeconds(2), app.alerts())));
        secrets.twitchToken().ifPresent(token -> bridges.add(
                new TwitchBridge(app.currentConfig().twitch(), token, app.commands(), app.bus(), app.answers())));
        return bridges;
    }

    /** One indexed lookup per agent: cheap enough to poll, unlike full queue stats. */
    private static Set<String> pausedAgents(App app) {
        return app.agents().all().stream().map(AgentConfig::id).filter(app.queue()::isPaused)
                .collect(Collectors.toSet());
    }
}
