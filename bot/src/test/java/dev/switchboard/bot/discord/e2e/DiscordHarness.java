package dev.switchboard.bot.discord.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.bot.App;
import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.FakeMember;
import dev.switchboard.bot.discord.fake.RestCall;
import dev.switchboard.config.AccessList;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DiscordConfig;
import dev.switchboard.config.Limits;
import dev.switchboard.config.RetryConfig;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.WebConfig;
import dev.switchboard.delivery.InboxFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The whole service (App: SQLite queue, router, workers, inbox delivery and watcher, Discord bridge with the real
 * JDA client) against a {@link FakeDiscord}, in a fresh temp directory. Members: alice (operator by role id),
 * carol (admin by Discord's Administrator permission, as no admin is configured), bob (no role: a viewer).
 */
final class DiscordHarness implements AutoCloseable {
    static final String TOKEN = "fake-token-do-not-log-4f1c9e";
    static final FakeMember ALICE = FakeMember.of(1001, "alice", FakeDiscord.OPERATOR_ROLE_ID);
    static final FakeMember BOB = FakeMember.of(1002, "bob");
    static final FakeMember CAROL = FakeMember.of(1003, "carol", FakeDiscord.ADMIN_ROLE_ID);
    static final Duration WAIT = Duration.ofSeconds(20);

    final FakeDiscord discord;
    final App app;
    final Path dir;
    private final ListAppender<ILoggingEvent> logs;

    private DiscordHarness(FakeDiscord discord, App app, Path dir, ListAppender<ILoggingEvent> logs) {
        this.discord = discord;
        this.app = app;
        this.dir = dir;
        this.logs = logs;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    static DiscordHarness start(Path dir, Limits limits, List<FakeMember> extraMembers) throws Exception {
        return start(dir, limits, extraMembers, SwitchboardConfig.defaultAgents());
    }

    static DiscordHarness start(Path dir, Limits limits, List<FakeMember> extraMembers, List<AgentConfig> agentList)
            throws Exception {
        FakeDiscord discord = new FakeDiscord().addMember(ALICE).addMember(BOB).addMember(CAROL);
        extraMembers.forEach(discord::addMember);
        discord.start();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        DiscordConfig dc = new DiscordConfig(
                "!",
                Long.toString(FakeDiscord.GUILD_ID),
                List.of(Long.toString(FakeDiscord.CHANNEL_ID)),
                Long.toString(FakeDiscord.STATUS_CHANNEL_ID),
                new AccessList(List.of(Long.toString(FakeDiscord.OPERATOR_ROLE_ID)), List.of()),
                AccessList.empty(),
                discord.apiUrl(),
                discord.gatewayUrl());
        List<AgentConfig> agents = new ArrayList<>(agentList);
        SwitchboardConfig cfg = new SwitchboardConfig(
                dir.resolve("data"),
                dir.resolve("agent_workspaces"),
                null,
                null,
                agents,
                limits,
                new RetryConfig(2, 20L, 50L, 30),
                dc,
                null,
                new WebConfig(false, null, null),
                null,
                null);
        App app;
        try {
            app = App.startService(
                    cfg,
                    Secrets.from(Map.of(Secrets.DISCORD_TOKEN, TOKEN)),
                    new App.Tuning(20, 20, 200, 1_000, 3, Duration.ofSeconds(30)));
        } catch (Exception e) {
            discord.close();
            root().detachAppender(logs);
            throw e;
        }
        DiscordHarness h = new DiscordHarness(discord, app, dir, logs);
        // slash commands are registered once the client is ready
        discord.await(c -> c.is("PUT", "applications/\\d+/guilds/\\d+/commands"), WAIT, "slash command registration");
        return h;
    }

    Path inbox(String agent) {
        return dir.resolve("agent_workspaces").resolve(agent).resolve("inbox");
    }

    /** Inbox files of an agent (not those moved to processed/). */
    List<Path> inboxFiles(String agent) throws IOException {
        if (!Files.isDirectory(inbox(agent))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(inbox(agent))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    List<Path> awaitInboxFiles(String agent, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos() * 2;
        while (true) {
            List<Path> files = inboxFiles(agent);
            if (files.size() >= count) {
                return files;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(agent + " has " + files.size() + " inbox files, expected " + count);
            }
            Thread.sleep(20);
        }
    }

    static String bodyOf(Path file) throws IOException {
        return InboxFormat.bodyOf(Files.readString(file));
    }

    /** The bot's reaction call with {@code emoji} on a chat message ({@code PUT} adds, {@code DELETE} removes). */
    static java.util.function.Predicate<RestCall> reaction(String method, long messageId, String emoji) {
        return c -> c.method().equals(method)
                && c.path()
                        .equals("channels/" + FakeDiscord.CHANNEL_ID + "/messages/" + messageId + "/reactions/" + emoji
                                + "/@me");
    }

    /** A message the bot sent as a reply to {@code messageId}. */
    static java.util.function.Predicate<RestCall> replyTo(long messageId) {
        return c -> c.is("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/messages")
                && c.body()
                        .path("message_reference")
                        .path("message_id")
                        .asText()
                        .equals(Long.toString(messageId));
    }

    /** Every log line so far, formatted, with exception text. */
    List<String> logLines() {
        synchronized (logs) {
            return logs.list.stream()
                    .map(e -> e.getFormattedMessage()
                            + (e.getThrowableProxy() == null
                                    ? ""
                                    : " " + e.getThrowableProxy().getMessage()))
                    .toList();
        }
    }

    @Override
    public void close() throws Exception {
        if (Boolean.getBoolean("fake.discord.dump")) {
            discord.calls().forEach(c -> System.out.println("FAKE-DISCORD " + c));
        }
        try {
            app.close();
        } finally {
            discord.close();
            root().detachAppender(logs);
        }
    }
}
