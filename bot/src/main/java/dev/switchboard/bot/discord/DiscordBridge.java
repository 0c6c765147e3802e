package dev.switchboard.bot.discord;

import dev.switchboard.bot.Bridge;
import dev.switchboard.commands.alerts.AlertMonitor;
import dev.switchboard.commands.answers.AnswerBoard;
import dev.switchboard.commands.track.RequestTracker;
import dev.switchboard.config.DiscordConfig;
import dev.switchboard.config.Secrets;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.lifecycle.FatalServiceException;
import dev.switchboard.core.lifecycle.Service;
import dev.switchboard.core.message.Platform;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord front-end: {@code !msg} in chat and slash commands in, reactions, replies and status-channel
 * posts out. Thin by design: commands run in the command layer; this only connects JDA to it.
 */
public final class DiscordBridge implements Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordBridge.class);
    private static final int TRACKED_IDS = 20_000;
    private static final Duration REPLY_WINDOW = Duration.ofSeconds(10);
    private static final Duration READY_WAIT = Duration.ofSeconds(30);

    private final DiscordConfig config;
    private final String token;
    private final ChatCommands commands;
    private final EventBus bus;
    private final AnswerBoard answers;
    private final Supplier<Set<String>> pausedAgents;
    private final AlertMonitor alerts;
    private final Duration pausePoll;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "discord-commands");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "discord-status");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private volatile JDA jda;

    /**
     * @param token        the bot token; never logged
     * @param answers      where agents' answers are picked up: replies to the asking message, or status posts
     * @param pausedAgents agents paused now (polled every {@code pausePoll} for status-channel posts)
     */
    public DiscordBridge(
            DiscordConfig config,
            String token,
            ChatCommands commands,
            EventBus bus,
            AnswerBoard answers,
            Supplier<Set<String>> pausedAgents,
            Duration pausePoll) {
        this(config, token, commands, bus, answers, pausedAgents, pausePoll, null);
    }

    /** @param alerts alerts fired and cleared, posted to the status channel (null: none) */
    public DiscordBridge(
            DiscordConfig config,
            String token,
            ChatCommands commands,
            EventBus bus,
            AnswerBoard answers,
            Supplier<Set<String>> pausedAgents,
            Duration pausePoll,
            AlertMonitor alerts) {
        this.alerts = alerts;
        this.config = Objects.requireNonNull(config, "config");
        this.token = Objects.requireNonNull(token, "token");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.pausedAgents = Objects.requireNonNull(pausedAgents, "pausedAgents");
        this.pausePoll = pausePoll;
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public void start() throws InterruptedException {
        RequestTracker tracker =
                new RequestTracker(e -> e.origin() != null && e.origin().platform() == Platform.DISCORD, TRACKED_IDS);
        // subscribe before the first command can run, so no event of a Discord request is missed
        subscriptions.add(bus.subscribe(tracker));
        RequestFlows flows = new RequestFlows(commands, tracker, new ReplyThrottle(Clock.systemUTC(), REPLY_WINDOW));
        List<SlashCommandDef> slash = SlashCommandDefs.from(commands.commands());
        DiscordListener listener = new DiscordListener(
                new ChatFilter(config), new DiscordAccess(config), flows, commands, slash, executor);
        CountDownLatch ready = new CountDownLatch(1);
        ListenerAdapter onReady = new ListenerAdapter() {
            @Override
            public void onReady(ReadyEvent event) {
                registerSlashCommands(event.getJDA(), slash);
                LOG.info(
                        "Discord bridge connected as {} in {} guild(s); prefix '{}'",
                        event.getJDA().getSelfUser().getName(),
                        event.getJDA().getGuilds().size(),
                        config.prefix());
                ready.countDown();
            }
        };
        jda = login(listener, onReady);
        DiscordAnswers answerSink = new DiscordAnswers(jda, config.statusChannel());
        subscriptions.add(answers.register(Destination.DISCORD, answerSink));
        if (config.statusChannel() != null) {
            subscriptions.add(answers.register(Destination.STATUS, answerSink));
        }
        startStatusChannel();
        // Discord being slow or down must not stop the service: JDA keeps connecting in the background
        if (!ready.await(READY_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn(
                    "Discord gateway not ready after {} s (status {}); still trying in the background",
                    READY_WAIT.toSeconds(),
                    jda.getStatus());
        }
    }

    /**
     * A token Discord rejects stops for good; anything else (Discord unreachable) is an ordinary failure, so the
     * supervisor retries in the background while the rest of Switchboard runs.
     */
    private JDA login(Object... listeners) {
        try {
            return JdaClients.build(token, config, listeners); // a bad token fails here, at login
        } catch (InvalidTokenException e) {
            throw new FatalServiceException(
                    Secrets.DISCORD_TOKEN + " was rejected by Discord (401): copy a new"
                            + " token from the Developer Portal (Bot → Reset Token)",
                    null);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot reach Discord at " + config.apiUrl() + " (" + rootCause(e) + ")", e);
        }
    }

    /** The network error under JDA's wrappers (its ContextException only records where a request was made). */
    private static String rootCause(Throwable e) {
        Throwable pick = e;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                pick = t;
                break;
            }
            if (!t.getClass().getSimpleName().equals("ContextException")) {
                pick = t;
            }
        }
        String m = pick.getMessage();
        return pick.getClass().getSimpleName()
                + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    private void registerSlashCommands(JDA jda, List<SlashCommandDef> slash) {
        List<Guild> guilds = config.guildId() == null
                ? jda.getGuilds()
                : jda.getGuilds().stream()
                        .filter(g -> g.getId().equals(config.guildId()))
                        .toList();
        if (guilds.isEmpty()) {
            LOG.warn(
                    "the bot is in no {}; invite it (see README, Discord) to get slash commands",
                    config.guildId() == null ? "guild" : "guild with id " + config.guildId());
        }
        for (Guild guild : guilds) {
            // guild commands appear at once (global ones take up to an hour)
            guild.updateCommands()
                    .addCommands(slash.stream().map(SlashCommandsJda::toJda).toList())
                    .queue(
                            ok -> LOG.info("registered {} slash commands in {}", ok.size(), guild.getName()),
                            e -> LOG.warn(
                                    "could not register slash commands in {}: {}", guild.getName(), e.toString()));
        }
    }

    private void startStatusChannel() {
        StatusChannel channel = new StatusChannel(jda, config.statusChannel());
        if (config.statusChannel() == null) {
            return;
        }
        subscriptions.add(bus.subscribe(e -> StatusAnnouncements.of(e).ifPresent(channel::post)));
        if (alerts != null) {
            subscriptions.add(alerts.subscribe(a -> channel.post(a.announcement())));
        }
        StatusAnnouncements pauses = new StatusAnnouncements(pausedAgents.get());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        pauses.pauseChanges(pausedAgents.get()).forEach(channel::post);
                    } catch (RuntimeException e) {
                        LOG.warn("could not check paused agents: {}", e.toString());
                    }
                },
                pausePoll.toMillis(),
                pausePoll.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** JDA reconnects by itself; only a client that gave up (shut down, login failed) needs a new start. */
    @Override
    public Service.Health health() {
        JDA client = jda;
        if (client == null) {
            return Service.Health.failed("not connected");
        }
        JDA.Status status = client.getStatus();
        return Service.Health.of(
                status != JDA.Status.SHUTDOWN && status != JDA.Status.FAILED_TO_LOGIN,
                "the Discord client stopped (" + status + ")");
    }

    @Override
    public boolean connected() {
        JDA j = jda;
        return j != null && j.getStatus() == JDA.Status.CONNECTED;
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.warn("could not unsubscribe: {}", e.toString());
            }
        }
        subscriptions.clear();
        timer.shutdownNow();
        if (jda != null) {
            // no new commands; those already taken finish and their answers still go out before JDA stops
            jda.getRegisteredListeners().forEach(jda::removeEventListener);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            if (jda != null) {
                jda.shutdown();
                if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
                    jda.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (jda != null) {
                jda.shutdownNow();
            }
        }
    }
}
