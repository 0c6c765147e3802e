package dev.switchboard.bot.twitch;

import com.github.twitch4j.auth.providers.TwitchIdentityProvider;
import com.github.twitch4j.chat.TwitchChat;
import com.github.twitch4j.chat.enums.TMIConnectionState;
import com.github.twitch4j.chat.events.channel.ChannelMessageEvent;
import com.github.twitch4j.chat.events.channel.ChannelNoticeEvent;
import com.github.twitch4j.chat.events.channel.UserStateEvent;
import com.github.twitch4j.common.enums.CommandPermission;
import com.github.twitch4j.common.events.domain.EventChannel;
import dev.switchboard.bot.Bridge;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.answers.AnswerBoard;
import dev.switchboard.config.TwitchConfig;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.lifecycle.FatalServiceException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twitch bridge: joins the configured channels with the real twitch4j chat client, hands every chat command
 * to {@link TwitchCommandHandler} on its own thread (twitch4j calls listeners on the socket's reading thread),
 * and sends what {@link ChatOutbox} releases, as replies (Twitch reply tag) where there is a message to answer.
 * twitch4j reconnects and re-joins by itself; its own rate limiter stays in place behind ours.
 */
public final class TwitchBridge implements Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(TwitchBridge.class);
    /**
     * How long to wait for Twitch to acknowledge a line before sending the next. twitch4j hands every message
     * through asynchronous tasks, so two lines sent back to back may leave in either order; Twitch answers each
     * PRIVMSG with USERSTATE (or a NOTICE when it refuses it), and waiting for that keeps our order.
     */
    private static final long ACK_TIMEOUT_MILLIS = 2_000;
    /** Chat commands waiting for the handler; beyond this a flood is dropped rather than queued for minutes. */
    private static final int MAX_WAITING_COMMANDS = 256;

    private final TwitchConfig config;
    private final String token;
    private final ChatCommands commands;
    private final EventBus bus;
    private final TokenCheck tokenCheck;
    private final TwitchIdentityProvider identity;
    private final AnswerBoard answers;
    private final Set<String> greeted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dropped = new AtomicInteger();
    /**
     * Per channel, the lines sent and not yet acknowledged, oldest first. Twitch acknowledges in order, so an
     * acknowledgement belongs to the oldest: one that comes after its line's wait timed out must not be taken for
     * the next line's (the send window would then count that line as arrived before it did).
     */
    private final Map<String, java.util.Deque<CompletableFuture<Void>>> awaitingAck = new ConcurrentHashMap<>();
    /** Unacknowledged lines kept per channel; an older one is given up (Twitch dropped it silently). */
    private static final int MAX_UNACKNOWLEDGED = 8;

    // Set in start(), read on twitch4j's and the outbox's threads.
    private volatile ScheduledThreadPoolExecutor clientExecutor;
    private volatile ThreadPoolExecutor handlerExecutor;
    private volatile TwitchChat chat;
    /** The channels joined, as Twitch names them (lower case, no '#'): made once in start(), read per line. */
    private volatile Set<String> joinedChannels = Set.of();

    private volatile ChatOutbox outbox;
    private volatile AutoCloseable subscription;
    private volatile AutoCloseable answerRegistration;
    private volatile TwitchCommandHandler handler;

    /**
     * Production: the token is checked once at start at {@code twitch.auth_url} (Twitch's validate endpoint by
     * default), which also tells the bot's user id.
     */
    public TwitchBridge(TwitchConfig config, String token, CommandSet commands, EventBus bus, AnswerBoard answers) {
        this(
                config,
                token,
                ChatCommands.of(commands),
                bus,
                TokenCheck.http(config.authUrl()),
                TokenCheck.identityProviderFor(config.authUrl()),
                answers);
    }

    /** Tests: a local identity provider answers the token check. */
    TwitchBridge(
            TwitchConfig config, String token, ChatCommands commands, EventBus bus, TwitchIdentityProvider identity) {
        this(config, token, commands, bus, TokenCheck.of(identity), identity, AnswerBoard.NONE);
    }

    /** Tests: a local identity provider answers the token check. */
    TwitchBridge(
            TwitchConfig config,
            String token,
            ChatCommands commands,
            EventBus bus,
            TwitchIdentityProvider identity,
            AnswerBoard answers) {
        this(config, token, commands, bus, TokenCheck.of(identity), identity, answers);
    }

    /** @param answers where agents' answers to questions asked in Twitch chat are picked up */
    TwitchBridge(
            TwitchConfig config,
            String token,
            ChatCommands commands,
            EventBus bus,
            TokenCheck tokenCheck,
            TwitchIdentityProvider identity,
            AnswerBoard answers) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a Twitch chat token is required");
        }
        this.config = config;
        this.token = token;
        this.commands = commands;
        this.bus = bus;
        this.tokenCheck = tokenCheck;
        this.identity = identity;
        this.answers = answers;
    }

    @Override
    public String name() {
        return "twitch";
    }

    @Override
    public synchronized void start() {
        if (config.channels().isEmpty()) {
            throw new FatalServiceException("twitch.channels is empty: name at least one channel to join", null);
        }
        QuoteBook quotes = QuoteBook.load(config.quotesFile(), new SplittableRandom());
        clientExecutor = new ScheduledThreadPoolExecutor(
                Math.max(2, TwitchChat.REQUIRED_THREAD_COUNT), daemonThreads("twitch4j-"));
        handlerExecutor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING_COMMANDS),
                daemonThreads("twitch-commands-"),
                (task, pool) -> {
                    if (dropped.getAndIncrement() % 100 == 0) {
                        LOG.warn("twitch: too many chat commands waiting; dropped {} so far", dropped.get());
                    }
                });
        outbox = ChatOutbox.start(
                this::send, config.rateMessages(), Duration.ofSeconds(config.rateSeconds()), System::nanoTime);
        StatusFollower follower = new StatusFollower(outbox::offer);
        subscription = bus.subscribe(follower);
        handler = new TwitchCommandHandler(
                commands,
                new TwitchRoles(config.operators()),
                new Cooldowns(Duration.ofSeconds(config.cooldownSeconds()), System::nanoTime, 10_000),
                quotes,
                outbox,
                follower);
        chat = TwitchClientFactory.create(config, token, tokenCheck, identity, clientExecutor);
        chat.getEventManager().onEvent(ChannelMessageEvent.class, this::onMessage);
        chat.getEventManager().onEvent(UserStateEvent.class, this::onUserState);
        chat.getEventManager().onEvent(ChannelNoticeEvent.class, e -> acknowledge(e.getChannel()));
        joinedChannels = config.channels().stream()
                .map(c -> c.replaceFirst("^#", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        for (String channel : joinedChannels) {
            chat.joinChannel(channel);
        }
        answerRegistration = answers.register(Destination.TWITCH, new TwitchAnswers(outbox));
        LOG.info("twitch: joining {} via {}", config.channels(), config.ircUrl());
    }

    /** On the socket's reading thread: filter cheaply, hand off at once. */
    private void onMessage(ChannelMessageEvent event) {
        String text = event.getMessage();
        if (text != null && event.getReplyInfo() != null) {
            text = ChatText.withoutReplyMention(text, event.getReplyInfo().getUserLogin());
        }
        if (!TwitchCommandHandler.looksLikeCommand(text)
                || event.getUser() == null
                || event.getUser().getName() == null
                || event.getChannel() == null
                || event.getChannel().getName() == null) {
            return;
        }
        if (!joined(event.getChannel().getName())) {
            // A chat server only relays the channels we joined; a line from any other is not ours to obey (a
            // broadcaster there is nobody here) and an answer to it would leak into a channel nobody configured.
            LOG.debug(
                    "twitch: ignoring a command in #{}, a channel not in twitch.channels",
                    event.getChannel().getName());
            return;
        }
        Set<CommandPermission> permissions = event.getPermissions();
        IncomingChat incoming = new IncomingChat(
                event.getChannel().getName(),
                event.getMessageEvent().getMessageId().orElse(null),
                event.getUser().getId(),
                event.getUser().getName(),
                event.getMessageEvent().getUserDisplayName().orElse(null),
                permissions.contains(CommandPermission.BROADCASTER),
                permissions.contains(CommandPermission.MODERATOR),
                text);
        handlerExecutor.execute(() -> {
            try {
                handler.handle(incoming);
            } catch (RuntimeException e) {
                LOG.error("twitch: handling a command from {} in #{} failed", incoming.login(), incoming.channel(), e);
            }
        });
    }

    private boolean joined(String channel) {
        return joinedChannels.contains(channel.replaceFirst("^#", "").toLowerCase(Locale.ROOT));
    }

    /** Twitch sends USERSTATE when we join a channel: the moment for the greeting, once per channel. */
    private void onUserState(UserStateEvent event) {
        acknowledge(event.getChannel());
        String channel = event.getChannel().getName();
        if (config.greeting() != null && channel != null && greeted.add(channel)) {
            for (String part : ChatText.split(config.greeting())) {
                outbox.offer(new OutgoingChat(channel, part, null, false));
            }
        }
    }

    private void acknowledge(EventChannel channel) {
        java.util.Deque<CompletableFuture<Void>> pending =
                channel == null || channel.getName() == null ? null : awaitingAck.get(channel.getName());
        CompletableFuture<Void> ack = pending == null ? null : pending.pollFirst();
        if (ack != null) {
            ack.complete(null);
        }
    }

    /** On the outbox's thread: one line at a time, the next only once Twitch has seen this one (or a timeout). */
    private void send(OutgoingChat line) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        java.util.Deque<CompletableFuture<Void>> pending =
                awaitingAck.computeIfAbsent(line.channel(), c -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        while (pending.size() >= MAX_UNACKNOWLEDGED) {
            pending.pollFirst();
        }
        pending.addLast(ack);
        try {
            boolean queued = line.replyTo() == null
                    ? chat.sendMessage(line.channel(), line.text())
                    : chat.sendMessage(line.channel(), line.text(), null, line.replyTo());
            if (!queued) {
                pending.remove(ack); // never sent: no acknowledgement will come for it
                LOG.warn("twitch: twitch4j refused a line to #{} (its queue is full)", line.channel());
                return;
            }
            ack.get(ACK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("twitch: no acknowledgement of a line to #{} yet; sending on", line.channel());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        // A line whose wait timed out stays pending: its late acknowledgement is its own, not the next line's.
    }

    @Override
    public boolean connected() {
        TwitchChat c = chat;
        return c != null && c.getConnectionState() == TMIConnectionState.CONNECTED;
    }

    @Override
    public synchronized void close() {
        if (answerRegistration != null) {
            try {
                answerRegistration.close();
            } catch (Exception e) {
                LOG.warn("twitch: unregistering from answers failed", e);
            }
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("twitch: unsubscribing from status events failed", e);
            }
        }
        if (handlerExecutor != null) {
            handlerExecutor.shutdownNow();
        }
        awaitingAck.values().forEach(pending -> pending.forEach(ack -> ack.complete(null)));
        if (outbox != null) {
            outbox.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (clientExecutor != null) {
            clientExecutor.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
