package dev.switchboard.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every setting of Switchboard, as read from {@code switchboard.yaml} (snake_case keys) or defaulted.
 * Paths are absolute once loaded: relative ones are taken from the config file's folder.
 *
 * @param broker     scale-out over RabbitMQ, or {@code null}: everything in one process
 * @param onboarding onboarding templates
 * @param gas        the gas pipeline
 * @param alerts     when alerts are raised ({@code alerts:}; defaults when absent)
 * @param source     the file this came from, or {@code null} for the built-in default
 */
public record SwitchboardConfig(
        Path dataDir,
        Path workspaces,
        Path coordsFile,
        String layout,
        List<AgentConfig> agents,
        Limits limits,
        RetryConfig retry,
        DiscordConfig discord,
        TwitchConfig twitch,
        WebConfig web,
        BrokerConfig broker,
        OnboardingConfig onboarding,
        GasConfig gas,
        AlertsConfig alerts,
        Path source) {

    public static final int DEFAULT_AGENT_COUNT = 8;

    public SwitchboardConfig {
        dataDir = dataDir == null ? Path.of("switchboard-data") : dataDir;
        workspaces = workspaces == null ? Path.of("agent_workspaces") : workspaces;
        agents = agents == null ? List.of() : List.copyOf(agents);
        limits = limits == null ? Limits.defaults() : limits;
        retry = retry == null ? RetryConfig.defaults() : retry;
        discord = discord == null ? DiscordConfig.defaults() : discord;
        twitch = twitch == null ? TwitchConfig.defaults() : twitch;
        web = web == null ? WebConfig.defaults() : web;
        onboarding = onboarding == null ? OnboardingConfig.defaults() : onboarding;
        gas = gas == null ? GasConfig.defaults() : gas;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
    }

    /** Without {@code alerts:} (the defaults). */
    public SwitchboardConfig(
            Path dataDir,
            Path workspaces,
            Path coordsFile,
            String layout,
            List<AgentConfig> agents,
            Limits limits,
            RetryConfig retry,
            DiscordConfig discord,
            TwitchConfig twitch,
            WebConfig web,
            BrokerConfig broker,
            OnboardingConfig onboarding,
            GasConfig gas,
            Path source) {
        this(
                dataDir,
                workspaces,
                coordsFile,
                layout,
                agents,
                limits,
                retry,
                discord,
                twitch,
                web,
                broker,
                onboarding,
                gas,
                null,
                source);
    }

    /** Without onboarding and gas settings (their defaults). */
    public SwitchboardConfig(
            Path dataDir,
            Path workspaces,
            Path coordsFile,
            String layout,
            List<AgentConfig> agents,
            Limits limits,
            RetryConfig retry,
            DiscordConfig discord,
            TwitchConfig twitch,
            WebConfig web,
            BrokerConfig broker,
            Path source) {
        this(
                dataDir,
                workspaces,
                coordsFile,
                layout,
                agents,
                limits,
                retry,
                discord,
                twitch,
                web,
                broker,
                null,
                null,
                null,
                source);
    }

    /** The safe embedded default: Agent-1 … Agent-8 on inbox delivery, paths under {@code baseDir}. */
    public static SwitchboardConfig defaults(Path baseDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        return new SwitchboardConfig(
                base.resolve("switchboard-data"),
                base.resolve("agent_workspaces"),
                null,
                null,
                defaultAgents(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public static List<AgentConfig> defaultAgents() {
        return IntStream.rangeClosed(1, DEFAULT_AGENT_COUNT)
                .mapToObj(i -> AgentConfig.inboxOnly("Agent-" + i))
                .toList();
    }

    /** Where an agent's inbox files go. */
    public Path inboxOf(AgentConfig agent) {
        return agent.inbox() != null
                ? agent.inbox()
                : workspaces.resolve(agent.id()).resolve("inbox");
    }

    /** An agent's workspace folder: {@code <workspaces>/<id>}. */
    public Path workspaceOf(AgentConfig agent) {
        return workspaces.resolve(agent.id());
    }

    public SwitchboardConfig withAgents(List<AgentConfig> newAgents) {
        return new SwitchboardConfig(
                dataDir,
                workspaces,
                coordsFile,
                layout,
                newAgents,
                limits,
                retry,
                discord,
                twitch,
                web,
                broker,
                onboarding,
                gas,
                alerts,
                source);
    }

    public SwitchboardConfig withDataDir(Path newDataDir) {
        return new SwitchboardConfig(
                newDataDir,
                workspaces,
                coordsFile,
                layout,
                agents,
                limits,
                retry,
                discord,
                twitch,
                web,
                broker,
                onboarding,
                gas,
                alerts,
                source);
    }

    public SwitchboardConfig withBroker(BrokerConfig newBroker) {
        return new SwitchboardConfig(
                dataDir,
                workspaces,
                coordsFile,
                layout,
                agents,
                limits,
                retry,
                discord,
                twitch,
                web,
                newBroker,
                onboarding,
                gas,
                alerts,
                source);
    }

    public SwitchboardConfig withWeb(WebConfig newWeb) {
        return new SwitchboardConfig(
                dataDir,
                workspaces,
                coordsFile,
                layout,
                agents,
                limits,
                retry,
                discord,
                twitch,
                newWeb,
                broker,
                onboarding,
                gas,
                alerts,
                source);
    }

    public SwitchboardConfig withLimits(Limits newLimits) {
        return new SwitchboardConfig(
                dataDir,
                workspaces,
                coordsFile,
                layout,
                agents,
                newLimits,
                retry,
                discord,
                twitch,
                web,
                broker,
                onboarding,
                gas,
                source);
    }

    public SwitchboardConfig withWorkspaces(Path newWorkspaces) {
        return new SwitchboardConfig(
                dataDir,
                newWorkspaces,
                coordsFile,
                layout,
                agents,
                limits,
                retry,
                discord,
                twitch,
                web,
                broker,
                onboarding,
                gas,
                alerts,
                source);
    }
}
