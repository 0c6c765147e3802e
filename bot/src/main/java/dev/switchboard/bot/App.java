package dev.switchboard.bot;

import dev.switchboard.bot.lifecycle.StatusReporter;
import dev.switchboard.commands.CommandServices;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.alerts.AlertMonitor;
import dev.switchboard.commands.alerts.FleetSignals;
import dev.switchboard.commands.alerts.QueueSignals;
import dev.switchboard.commands.answers.AnswerBoard;
import dev.switchboard.commands.answers.AnswerIntake;
import dev.switchboard.commands.answers.AnswerRouter;
import dev.switchboard.commands.gas.GasPipeline;
import dev.switchboard.config.ConfigOverrides;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.answers.AnswerStore;
import dev.switchboard.core.events.ChangeNudge;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.gas.GasStateStore;
import dev.switchboard.core.lifecycle.FatalServiceException;
import dev.switchboard.core.lifecycle.ServiceStartException;
import dev.switchboard.core.lifecycle.ServiceStatus;
import dev.switchboard.core.lifecycle.Supervisor;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.core.routing.AgentMessageHandler;
import dev.switchboard.core.routing.AuthorizationMiddleware;
import dev.switchboard.core.routing.FanOutHandler;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.routing.RateLimitMiddleware;
import dev.switchboard.core.routing.ValidationMiddleware;
import dev.switchboard.core.snapshot.SnapshotSource;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.peek.AgentPeeker;
import dev.switchboard.web.ApiAuth;
import dev.switchboard.web.WebRoutes;
import dev.switchboard.web.WebServer;
import dev.switchboard.web.api.AlertRoutes;
import dev.switchboard.web.api.PeekRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Switchboard, wired: queue, routing, commands; and, when running as the service, the event pump,
 * delivery workers, inbox watcher, config reload and bridges. Closing it stops everything in reverse order
 * and leaves the queue intact.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /** Tuning that tests and the benchmark change; the defaults are what {@code run} uses. */
    public record Tuning(
            long workerPollMillis,
            long eventPollMillis,
            long inboxScanMillis,
            long configPollMillis,
            int breakerThreshold,
            Duration breakerCoolDown) {
        public static Tuning defaults() {
            return new Tuning(250, 200, 2_000, 1_000, 3, Duration.ofSeconds(30));
        }
    }

    private final AtomicReference<SwitchboardConfig> config;
    private final SqliteMessageQueue queue;
    private final EventBus bus = new EventBus();
    private final AgentRegistry agents;
    private final CommandSet commands;
    /** Front-ends attached after the start (the console); stopped before the services. */
    private final List<AutoCloseable> running = new ArrayList<>();

    private final AnswerStore answerStore;
    private final AnswerIntake answerIntake;
    private final GasStateStore gasStore;
    private final GasPipeline gas;
    private volatile AnswerBoard answers = AnswerBoard.NONE;
    private volatile Runnable answerStored = () -> {};
    private volatile Supervisor supervisor;
    private volatile EventPump eventPump;
    private volatile WebServer web;
    private final List<Bridge> bridges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final QueueSignals queueSignals = new QueueSignals();
    private volatile FallbackChain chain;
    private final AlertMonitor alerts;

    private App(SwitchboardConfig cfg, boolean service) {
        this.config = new AtomicReference<>(cfg);
        this.queue = SqliteMessageQueue.open(
                cfg.dataDir(),
                cfg.retry().maxAttempts(),
                new Backoff(cfg.retry().baseDelayMs(), cfg.retry().maxDelayMs()));
        this.agents = new AgentRegistry(cfg.agents());
        try {
            this.answerStore = AnswerStore.open(cfg.dataDir());
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        try {
            this.gasStore = GasStateStore.open(cfg.dataDir());
        } catch (RuntimeException e) {
            answerStore.close();
            queue.close();
            throw e;
        }
        // Local time zone: msg --at 14:30 means the machine's 14:30, and replies say so.
        Clock clock = Clock.systemDefaultZone();
        MessageRouter router = new MessageRouter(
                queue,
                List.of(
                        new ValidationMiddleware(() -> config.get().limits().maxText()),
                        new AuthorizationMiddleware(),
                        new RateLimitMiddleware(
                                () -> new RateLimitMiddleware.Limit(
                                        config.get().limits().perUser(),
                                        config.get().limits().perSeconds()),
                                clock)),
                List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
        this.answerIntake = new AnswerIntake(queue, router, agents, answerStore, clock, () -> answerStored.run());
        this.gas = new GasPipeline(
                queue,
                router,
                agents,
                gasStore,
                answerIntake,
                () -> config.get().gas(),
                clock);
        answerIntake.onActivity(gas::activity);
        SnapshotSource snapshots = AgentPeeker.create(
                () -> service ? Optional.empty() : guiPeekRefusal(),
                a -> config.get().inboxOf(a),
                a -> config.get().workspaceOf(a).resolve("outbox"));
        this.commands = new CommandSet(
                new CommandServices(router, queue, agents, config::get, clock, answerIntake, gas, snapshots));
        this.alerts = new AlertMonitor(
                () -> config.get().alerts(),
                FleetSignals.of(
                        queueSignals, () -> chain == null ? List.of() : chain.openCircuits(), this::bridgesConnected),
                clock);
    }

    /** Queue and commands only: what the terminal CLI needs beside a running service. */
    public static App forCommands(SwitchboardConfig cfg) {
        return new App(cfg, false);
    }

    /**
     * A CLI process cannot see the running service's GUI input lock: a picture taken from here could catch a
     * delivery half-way. So GUI agents are peeked at through the service (its console, Discord, the dashboard).
     */
    private Optional<String> guiPeekRefusal() {
        return DataDirLock.isHeld(config.get().dataDir())
                ? Optional.of("'switchboard run' is delivering into windows; peek at a GUI agent from its console,"
                        + " Discord or the dashboard, so the picture is never taken in the middle of a delivery")
                : Optional.empty();
    }

    /**
     * The service: also delivers, reports status, reloads the agents file. The caller must hold the data
     * directory's {@link DataDirLock}.
     */
    public static App startService(SwitchboardConfig cfg, Secrets secrets, Tuning tuning) {
        return startService(cfg, ConfigOverrides.NONE, secrets, tuning);
    }

    /**
     * The service, with the command line's overrides ({@code --layout}, {@code --data-dir}) that {@code cfg}
     * was loaded with: every reload of the config file applies them again.
     */
    public static App startService(SwitchboardConfig cfg, ConfigOverrides overrides, Secrets secrets, Tuning tuning) {
        return startService(cfg, overrides, secrets, tuning, Supervisor.Timing.defaults(), notice -> {});
    }

    /** {@link #startService(SwitchboardConfig, ConfigOverrides, Secrets, Tuning, Supervisor.Timing, Consumer)}. */
    public static App startService(
            SwitchboardConfig cfg, Secrets secrets, Tuning tuning, Supervisor.Timing timing, Consumer<String> notices) {
        return startService(cfg, ConfigOverrides.NONE, secrets, tuning, timing, notices);
    }

    /**
     * @param notices one line for each failure, restart or late connection of a service (the console shows them)
     * @throws FatalServiceException a platform rejected its token: nothing runs
     * @throws ServiceStartException a required service could not start: nothing runs
     */
    public static App startService(
            SwitchboardConfig cfg,
            ConfigOverrides overrides,
            Secrets secrets,
            Tuning tuning,
            Supervisor.Timing timing,
            Consumer<String> notices) {
        if (cfg.web().enabled()) {
            ApiAuth.checkCanServe(cfg.web().host(), secrets.apiToken()); // before anything starts
        }
        App app = new App(cfg, true);
        // This run's name on the leases it takes; made here, not per App: a CLI call needs no SecureRandom for it.
        String incarnation = UUID.randomUUID().toString();
        try {
            if (java.nio.file.Files.exists(cfg.workspaces()) && !java.nio.file.Files.isDirectory(cfg.workspaces())) {
                throw new IllegalStateException("the workspaces folder " + cfg.workspaces() + " is a file, not a"
                        + " folder: set workspaces to a folder, or move the file aside");
            }
            app.warnOrphans();
            app.running.add(app.bus.subscribe(app.queueSignals));
            app.queueSignals.seed(app.queue, Clock.systemUTC().instant());
            // The CLI's commits happen in another process: it knocks on this socket rather than wait for a poll.
            ChangeNudge nudge = ChangeNudge.listen(cfg.dataDir(), app::wakeEventPump);
            if (nudge != null) {
                app.running.add(nudge);
            }
            // Given up when the disk is full, so deliveries in progress can be recorded rather than sit in
            // DELIVERING until there is room: 1 MB holds thousands of outcomes, and is too little to be missed.
            app.queue.keepSpaceReserve(1L << 20);
            int recovered = app.queue.recoverAbandoned(incarnation);
            if (recovered > 0) {
                LOG.info("{} message(s) were mid-delivery when Switchboard stopped; delivering them again", recovered);
            }
            app.queue.onCommit(app::wakeEventPump);
            app.supervisor = new Supervisor(
                    RunServices.create(app, secrets, tuning, incarnation, overrides),
                    timing,
                    Clock.systemUTC(),
                    new StatusReporter(cfg.dataDir(), Clock.systemUTC(), line -> {
                        notices.accept(line);
                        app.announce(line); // durably to the status channel too
                    }));
            app.supervisor.startAll();
        } catch (RuntimeException e) {
            app.supervisor = null; // startAll stopped what it had started
            app.close();
            throw e;
        }
        return app;
    }

    void eventPumpStarted(EventPump pump) {
        eventPump = pump;
    }

    private void wakeEventPump() {
        EventPump pump = eventPump;
        if (pump != null) {
            pump.wakeUp();
        }
    }

    /** The web server that runs now (the supervisor may restart it). */
    void webStarted(WebServer server) {
        web = server;
    }

    /** A chat bridge that started (or restarted): health and metrics ask it whether it is connected. */
    void bridgeStarted(Bridge bridge) {
        bridges.removeIf(b -> b.name().equals(bridge.name()));
        bridges.add(bridge);
    }

    /** The chat bridges running now, the console included. */
    List<Bridge> bridges() {
        List<Bridge> all = new ArrayList<>(bridges);
        synchronized (running) {
            running.stream()
                    .filter(Bridge.class::isInstance)
                    .map(Bridge.class::cast)
                    .forEach(all::add);
        }
        return all;
    }

    /** Route groups of other parts (alerts, agent snapshots) to serve beside the built-in API. */
    List<WebRoutes> webRoutes() {
        return List.of(new AlertRoutes(alerts), new PeekRoutes());
    }

    /** The web server's port while it runs (the configured one, or the one chosen for port 0). */
    public Optional<Integer> webPort() {
        WebServer w = web;
        return w == null ? Optional.empty() : Optional.of(w.port());
    }

    /** The answer router that runs now: the bridges show agents' answers through it. */
    void answerRouterStarted(AnswerRouter router) {
        answers = router;
        answerStored = router::wakeUp;
    }

    /** Every service's state, uptime and restarts (empty for the CLI, which runs none). */
    public List<ServiceStatus> services() {
        Supervisor s = supervisor;
        return s == null ? List.of() : s.status();
    }

    /**
     * A refused outbox file or an unusable status file: in the log, and once in the status channel, for the
     * agent's operator to see.
     */
    void agentFileProblem(String agent, String line) {
        LOG.warn("{}", line);
        try {
            answerIntake.notice(agent, "⚠️ " + line);
        } catch (RuntimeException e) {
            LOG.warn("could not announce a refused outbox file: {}", e.getMessage());
        }
    }

    /** Applies a reloaded config file: the agent list and limits change at once; paths need a restart. */
    void reload(SwitchboardConfig next) {
        SwitchboardConfig previous = config.get();
        if (!next.dataDir().equals(previous.dataDir())) {
            LOG.warn("data_dir changed in the config; restart Switchboard to use {}", next.dataDir());
        }
        config.set(next.withDataDir(previous.dataDir()));
        agents.replace(next.agents());
        warnOrphans();
    }

    /** Agents taken out of the config keep their queued messages, with no worker: one warning line each. */
    private void warnOrphans() {
        try {
            var stats = queue.stats();
            for (String agent : stats.byAgent().keySet()) {
                long pending = stats.pending(agent);
                if (pending > 0 && agents.resolve(agent).isEmpty()) {
                    LOG.warn(
                            "{} is no longer in the config but has {} message(s) waiting; they stay queued until"
                                    + " it is added back or they are cancelled ('agents' lists it as orphaned)",
                            agent,
                            pending);
                }
            }
        } catch (dev.switchboard.core.queue.QueueException e) {
            LOG.warn("cannot look for messages of removed agents: {}", e.getMessage());
        }
    }

    /** A system notice (a node went offline or came back): in the log, and durably for the status channel. */
    void announce(String line) {
        try {
            answerIntake.notice("switchboard", line);
        } catch (RuntimeException e) {
            LOG.warn("could not announce '{}': {}", line, e.getMessage());
        }
    }

    /** Starts one more front-end (the console) and stops it with the app. */
    public void attach(Bridge bridge) throws Exception {
        bridge.start();
        synchronized (running) {
            running.add(bridge);
        }
    }

    public SwitchboardConfig currentConfig() {
        return config.get();
    }

    public SqliteMessageQueue queue() {
        return queue;
    }

    public EventBus bus() {
        return bus;
    }

    public AgentRegistry agents() {
        return agents;
    }

    /** Where front-ends sign up to show agents' answers (only while the service runs). */
    public AnswerBoard answers() {
        return answers;
    }

    /** Takes agents' answers (outbox files, {@code reply}, {@code say}). */
    public AnswerIntake answerIntake() {
        return answerIntake;
    }

    public GasPipeline gas() {
        return gas;
    }

    public CommandSet commands() {
        return commands;
    }

    AnswerStore answerStore() {
        return answerStore;
    }

    AnswerIntake intake() {
        return answerIntake;
    }

    GasPipeline gasPipeline() {
        return gas;
    }

    /** The delivery chain the running workers use (its open circuits feed the breaker alert). */
    void deliveryChainStarted(FallbackChain started) {
        chain = started;
    }

    /** Alerts in force, and a feed of those fired and cleared (evaluated only while the service runs). */
    public AlertMonitor alerts() {
        return alerts;
    }

    private Map<String, Boolean> bridgesConnected() {
        Map<String, Boolean> states = new TreeMap<>();
        bridges().forEach(b -> states.put(b.name(), b.connected()));
        return states;
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (running) {
            toClose = new ArrayList<>(running);
            running.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", toClose.get(i), e);
            }
        }
        Supervisor s = supervisor;
        supervisor = null;
        if (s != null) {
            s.close();
        }
        gasStore.close();
        answerStore.close();
        queue.close();
    }
}
