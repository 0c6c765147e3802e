package dev.switchboard.bot;

import dev.switchboard.bot.lifecycle.StatusReporter;
import dev.switchboard.bot.outbox.AgentAnswers;
import dev.switchboard.bot.outbox.AnswerRelay;
import dev.switchboard.commands.CommandServices;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Switchboard, wired: queue, routing, commands; and, when running as the service, a {@link Supervisor} of
 * the services {@link RunServices} lists (event pump, delivery, watchers, scheduler, bridges). Closing it stops
 * everything in reverse order and leaves the queue intact.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /** Tuning that tests and the benchmark change; the defaults are what {@code run} uses. */
    public record Tuning(long workerPollMillis, long eventPollMillis, long inboxScanMillis, long configPollMillis,
                         int breakerThreshold, Duration breakerCoolDown) {
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
    private final AnswerRelay relay = new AnswerRelay();
    private volatile AgentAnswers answers = AgentAnswers.NONE;
    private final List<Consumer<String>> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Supervisor supervisor;
    private volatile EventPump eventPump;
    private final String incarnation = UUID.randomUUID().toString();

    private App(SwitchboardConfig cfg) {
        this.config = new AtomicReference<>(cfg);
        this.queue = SqliteMessageQueue.open(cfg.dataDir(), cfg.retry().maxAttempts(),
                new Backoff(cfg.retry().baseDelayMs(), cfg.retry().maxDelayMs()));
        this.agents = new AgentRegistry(cfg.agents());
        // Local time zone: msg --at 14:30 means the machine's 14:30, and replies say so.
        Clock clock = Clock.systemDefaultZone();
        MessageRouter router = new MessageRouter(queue,
                List.of(new ValidationMiddleware(() -> config.get().limits().maxText()),
                        new AuthorizationMiddleware(),
                        new RateLimitMiddleware(() -> new RateLimitMiddleware.Limit(config.get().limits().perUser(),
                                config.get().limits().perSeconds()), clock)),
                List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
        this.commands = new CommandSet(new CommandServices(router, queue, agents, config::get, clock));
    }

    /** Queue and commands only: what the terminal CLI needs beside a running service. */
    public static App forCommands(SwitchboardConfig cfg) {
        return new App(cfg);
    }

    /**
     * The service: also delivers, reports status, reloads the agents file. The caller must hold the data
     * directory's {@link DataDirLock}.
     */
    public static App startService(SwitchboardConfig cfg, Secrets secrets, Tuning tuning) {
        return startService(cfg, secrets, tuning, Supervisor.Timing.defaults(), notice -> { });
    }

    /**
     * @param notices one line for each failure, restart or late connection of a service (the console shows them)
     * @throws FatalServiceException a platform rejected its token: nothing runs
     * @throws ServiceStartException a required service could not start: nothing runs
     */
    public static App startService(SwitchboardConfig cfg, Secrets secrets, Tuning tuning, Supervisor.Timing timing,
                                   Consumer<String> notices) {
        App app = new App(cfg);
        try {
            int recovered = app.queue.recoverAbandoned(app.incarnation);
            if (recovered > 0) {
                LOG.info("{} message(s) were mid-delivery when Switchboard stopped; delivering them again", recovered);
            }
            app.queue.onCommit(app::wakeEventPump);
            app.answers = app.relay;
            app.supervisor = new Supervisor(RunServices.create(app, secrets, tuning, app.incarnation, app.relay),
                    timing, Clock.systemUTC(), new StatusReporter(cfg.dataDir(), Clock.systemUTC(), line -> {
                        notices.accept(line);
                        app.announce(line);
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

    /** Every service's state, uptime and restarts (empty for the CLI, which runs none). */
    public List<ServiceStatus> services() {
        Supervisor s = supervisor;
        return s == null ? List.of() : s.status();
    }

    /** Applies a reloaded config file: the agent list and limits change at once; paths need a restart. */
    void reload(SwitchboardConfig next) {
        SwitchboardConfig previous = config.get();
        if (!next.dataDir().equals(previous.dataDir())) {
            LOG.warn("data_dir changed in the config; restart Switchboard to use {}", next.dataDir());
        }
        config.set(next.withDataDir(previous.dataDir()));
        agents.replace(next.agents());
    }

    /** System notices (a node went offline, a service restarted …) for the status channel and the console. */
    public AutoCloseable onNotice(Consumer<String> listener) {
        notices.add(listener);
        return () -> notices.remove(listener);
    }

    void announce(String line) {
        for (Consumer<String> l : notices) {
            try {
                l.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("a notice listener failed on '{}'", line, e);
            }
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

    /** Agents' answers from their outboxes (only while the service runs). */
    public AgentAnswers answers() {
        return answers;
    }

    public CommandSet commands() {
        return commands;
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
        queue.close();
    }
}
