package dev.switchboard.bot;

import dev.switchboard.bot.discord.ChatCommands;
import dev.switchboard.bot.discord.DiscordBridge;
import dev.switchboard.bot.lifecycle.BridgeService;
import dev.switchboard.bot.lifecycle.LoopService;
import dev.switchboard.bot.twitch.TwitchBridge;
import dev.switchboard.broker.Hub;
import dev.switchboard.commands.answers.AnswerRouter;
import dev.switchboard.commands.answers.OutboxWatcher;
import dev.switchboard.commands.gas.StatusWatcher;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.config.ConfigOverrides;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.lifecycle.Service;
import dev.switchboard.core.lifecycle.Service.Health;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.queue.ScheduleRunner;
import dev.switchboard.core.reload.ConfigWatcher;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxWatcher;
import dev.switchboard.delivery.WorkerPool;
import dev.switchboard.web.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services {@code switchboard run} supervises, and what each depends on: the event pump first (the workers
 * wake on its events, the bridges report them), then delivery, the watchers and the scheduler, then the chat
 * bridges, each only when its token is set, and the web server.
 */
final class RunServices {
    private static final Logger LOG = LoggerFactory.getLogger(RunServices.class);
    static final String EVENT_PUMP = "event-pump";
    static final String DELIVERY = "delivery";
    static final String OUTBOX = "outbox-watcher";
    static final String ANSWERS = "answer-router";

    private RunServices() {}

    static List<Service> create(
            App app, Secrets secrets, App.Tuning tuning, String incarnation, ConfigOverrides overrides) {
        List<Service> services = new ArrayList<>();
        services.add(new LoopService<>(
                EVENT_PUMP,
                List.of(),
                () -> new EventPump(app.queue(), app.bus(), tuning.eventPollMillis()),
                pump -> Health.of(pump.isAlive(), "the event pump's thread ended"),
                app::eventPumpStarted));
        FallbackChain chain = new FallbackChain(
                Deliverers.create(app::currentConfig),
                tuning.breakerThreshold(),
                tuning.breakerCoolDown(),
                Clock.systemUTC());
        app.deliveryChainStarted(chain);
        services.add(new LoopService<>(
                DELIVERY,
                List.of(EVENT_PUMP),
                () -> new WorkerPool(
                        incarnation,
                        app.queue(),
                        app.agents(),
                        chain,
                        app.bus(),
                        Duration.ofSeconds(app.currentConfig().retry().leaseSeconds()),
                        tuning.workerPollMillis()),
                pool -> {
                    List<String> dead = pool.deadWorkers();
                    return Health.of(dead.isEmpty(), "delivery worker(s) stopped: " + String.join(", ", dead));
                },
                pool -> {}));
        if (app.currentConfig().broker() != null) {
            // Agents on other desktops: their messages go out through the broker to their nodes.
            services.add(new LoopService<>(
                    "broker-hub",
                    List.of(EVENT_PUMP),
                    () -> new Hub(
                            app.currentConfig(),
                            Optional.ofNullable(System.getenv(BrokerConfig.PASSWORD_ENV)),
                            app.queue(),
                            app.agents(),
                            app.bus(),
                            incarnation,
                            tuning.workerPollMillis(),
                            app::announce),
                    hub -> Health.ok(),
                    hub -> {}));
        }
        services.add(new LoopService<>(
                "inbox-watcher",
                List.of(EVENT_PUMP),
                () -> new InboxWatcher(
                        app.queue(), app.agents(), a -> app.currentConfig().inboxOf(a), tuning.inboxScanMillis()),
                w -> Health.of(w.isAlive(), "the inbox watcher's thread ended"),
                w -> {}));
        // Agents' answers: kept in the database until a bridge has shown them; the bridges register with the
        // router that runs when they start.
        services.add(new LoopService<>(
                ANSWERS,
                List.of(),
                () -> new AnswerRouter(
                        app.answerStore(), tuning.inboxScanMillis(), Duration.ofSeconds(5), Clock.systemUTC()),
                r -> Health.of(r.isAlive(), "the answer router's thread ended"),
                app::answerRouterStarted));
        services.add(new LoopService<>(
                OUTBOX,
                List.of(ANSWERS),
                () -> new OutboxWatcher(
                        app.agents()::all,
                        a -> app.currentConfig().workspaceOf(a).resolve("outbox"),
                        app.intake(),
                        app::agentFileProblem,
                        tuning.inboxScanMillis(),
                        Duration.ofMillis(300),
                        Clock.systemUTC()),
                w -> Health.of(w.isAlive(), "the outbox watcher's thread ended"),
                w -> {}));
        if (app.currentConfig().gas().watch()) {
            services.add(new LoopService<>(
                    "status-watcher",
                    List.of(ANSWERS),
                    () -> new StatusWatcher(
                            app.agents()::all,
                            a -> app.currentConfig().workspaceOf(a),
                            app.gasPipeline(),
                            app::agentFileProblem,
                            app.currentConfig().gas().scanSeconds() * 1000L),
                    w -> Health.of(w.isAlive(), "the status watcher's thread ended"),
                    w -> {}));
        }
        SwitchboardConfig cfg = app.currentConfig();
        if (cfg.source() != null) {
            services.add(new LoopService<>(
                    "config-watcher",
                    List.of(),
                    () -> new ConfigWatcher(
                            cfg.source(),
                            overrides,
                            tuning.configPollMillis(),
                            app::reload,
                            // The watcher has logged it (one WARN line); a second line here said the same again.
                            problem -> {}),
                    w -> Health.of(w.isAlive(), "the config watcher stopped polling"),
                    w -> {}));
        }
        services.add(new LoopService<>(
                "alerts",
                List.of(EVENT_PUMP, DELIVERY),
                () -> BackgroundLoop.named("alerts")
                        .log(LOG)
                        .every(Duration.ofSeconds(app.currentConfig().alerts().checkSeconds()))
                        .start(app.alerts()::evaluate),
                loop -> Health.of(loop.alive(), "the alert checks stopped"),
                loop -> {}));
        services.add(new ScheduleRunner(app.queue().schedules(), Clock.systemUTC(), 1_000));
        secrets.discordToken()
                .ifPresent(token -> services.add(new BridgeService(
                        "discord",
                        List.of(EVENT_PUMP, ANSWERS),
                        () -> registered(
                                app,
                                new DiscordBridge(
                                        app.currentConfig().discord(),
                                        token,
                                        ChatCommands.of(app.commands()),
                                        app.bus(),
                                        app.answers(),
                                        () -> pausedAgents(app),
                                        Duration.ofSeconds(2),
                                        app.alerts())))));
        secrets.twitchToken()
                .ifPresent(token -> services.add(new BridgeService(
                        "twitch",
                        List.of(EVENT_PUMP, ANSWERS),
                        () -> registered(
                                app,
                                new TwitchBridge(
                                        app.currentConfig().twitch(),
                                        token,
                                        app.commands(),
                                        app.bus(),
                                        app.answers())))));
        if (cfg.web().enabled()) {
            // The dashboard, HTTP API, live events and Prometheus endpoint, unless web.enabled: false.
            services.add(new LoopService<>(
                    "web",
                    List.of(EVENT_PUMP, DELIVERY),
                    () -> WebServer.start(
                            app.currentConfig().web(),
                            app.commands(),
                            app.bus(),
                            new AppFleetProbe(chain, app::bridges, app.agents(), cfg.dataDir()),
                            secrets,
                            app.webRoutes()),
                    w -> Health.ok(),
                    app::webStarted));
        }
        return services;
    }

    /** Health and metrics ask each bridge made, started or not yet, whether it is connected. */
    private static <B extends Bridge> B registered(App app, B bridge) {
        app.bridgeStarted(bridge);
        return bridge;
    }

    /** One indexed lookup per agent: cheap enough to poll, unlike full queue stats. */
    private static Set<String> pausedAgents(App app) {
        return app.agents().all().stream()
                .map(AgentConfig::id)
                .filter(app.queue()::isPaused)
                .collect(Collectors.toSet());
    }
}
