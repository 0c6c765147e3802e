package dev.switchboard.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.core.routing.AgentMessageHandler;
import dev.switchboard.core.routing.AuthorizationMiddleware;
import dev.switchboard.core.routing.FanOutHandler;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.routing.RateLimitMiddleware;
import dev.switchboard.core.routing.ValidationMiddleware;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command set on a real SQLite queue, as chat text and as pre-split arguments. */
class CommandSetTest {
    @TempDir
    Path dir;

    private SqliteMessageQueue queue;
    private CommandSet commands;

    private final Caller admin = caller("alice", Role.ADMIN, Platform.CONSOLE);
    private final Caller operator = caller("olga", Role.OPERATOR, Platform.DISCORD);
    private final Caller viewer = caller("victor", Role.VIEWER, Platform.TWITCH);

    private static Caller caller(String name, Role role, Platform platform) {
        return new Caller(new Sender(platform, name + "-id", name, role), Origin.of(platform));
    }

    @BeforeEach
    void setUp() {
        SwitchboardConfig cfg = SwitchboardConfig.defaults(dir)
                .withAgents(List.of(
                        new AgentConfig(
                                "Agent-1",
                                List.of("a1", "frontend"),
                                List.of("ui"),
                                List.of(DeliveryMethod.INBOX),
                                null,
                                null,
                                null),
                        new AgentConfig("Agent-2", List.of(), List.of("ui"), null, null, null, null),
                        AgentConfig.inboxOnly("Agent-3")));
        queue = SqliteMessageQueue.open(dir.resolve("data"), 3, new Backoff(10, 100));
        AgentRegistry agents = new AgentRegistry(cfg.agents());
        MessageRouter router = new MessageRouter(
                queue,
                List.of(
                        new ValidationMiddleware(() -> 100),
                        new AuthorizationMiddleware(),
                        new RateLimitMiddleware(() -> new RateLimitMiddleware.Limit(3, 60), Clock.systemUTC())),
                List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
        commands = new CommandSet(new CommandServices(router, queue, agents, () -> cfg, Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        queue.close();
    }

    private QueuedMessage only(Reply reply) {
        assertEquals(Reply.Status.OK, reply.status(), reply.text());
        assertEquals(1, reply.messageIds().size(), reply.text());
        return queue.find(reply.messageIds().get(0)).orElseThrow();
    }

    @Test
    void msgQueuesTheTextExactlyAfterTheAgentName() {
        // GIVEN chat text with quotes, several spaces and newlines
        String text = "\"quoted\"  text\n  indented line\n```\ncode\n```";
        // WHEN it is sent with msg
        QueuedMessage m = only(commands.executeChat("msg Agent-2 " + text, admin));
        // THEN the body is byte for byte what followed the agent name
        assertEquals(text, m.message().body());
        assertEquals("Agent-2", m.agent());
        assertEquals(MessageState.QUEUED, m.state());
        assertEquals(Priority.NORMAL, m.message().priority());
    }

    @Test
    void textOnTheNextLineAndWindowsLineEndingsAreKept() {
        QueuedMessage m = only(commands.executeChat("msg Agent-2\r\nfirst\r\nsecond", admin));
        assertEquals("first\nsecond", m.message().body());
    }

    @Test
    void agentNamesAreCaseInsensitiveAndAliasesResolve() {
        assertEquals(
                "Agent-1", only(commands.executeChat("msg FRONTEND hi", admin)).agent());
        assertEquals("Agent-1", only(commands.executeChat("send a1 hi", admin)).agent());
        assertEquals(
                "Agent-3", only(commands.executeChat("MSG agent-3 hi", admin)).agent());
    }

    @Test
    void priorityOptionBeforeOrAfterTheAgent() {
        assertEquals(
                Priority.URGENT,
                only(commands.executeChat("msg --priority urgent Agent-2 now", admin))
                        .message()
                        .priority());
        QueuedMessage m = only(commands.executeChat("msg Agent-2 -p high text -p is kept", admin));
        assertEquals(Priority.HIGH, m.message().priority());
        assertEquals("text -p is kept", m.message().body());
    }

    @Test
    void textStartingWithAnAtSignOrDashesIsNotAnOption() {
        assertEquals(
                "@everyone --help me",
                only(commands.executeChat("msg Agent-2 @everyone --help me", admin))
                        .message()
                        .body());
    }

    @Test
    void oneTextRuleOptionsOnlyRightAfterTheCommandOrTheAgent() {
        // --help after the agent name is text; right after the command it asks for help
        assertEquals(
                "--help me",
                only(commands.executeChat("msg Agent-2 --help me", admin))
                        .message()
                        .body());
        assertEquals(Reply.Status.OK, commands.executeChat("msg --help", admin).status());
        assertTrue(commands.executeChat("msg --help", admin).text().contains("Usage: msg"));
        // Leading spaces of the text are kept: only the one separating space goes
        assertEquals(
                "   indented",
                only(commands.executeChat("msg Agent-2    indented", admin))
                        .message()
                        .body());
        // "--" ends the options explicitly; a dash word after it, or after the agent, is text
        QueuedMessage m = only(commands.executeChat("msg Agent-2 -p high -- -p is text", admin));
        assertEquals(Priority.HIGH, m.message().priority());
        assertEquals("-p is text", m.message().body());
        assertEquals(
                "---\nfront: matter\n---",
                only(commands.executeChat("msg Agent-2 ---\nfront: matter\n---", admin))
                        .message()
                        .body());
        assertEquals(
                "-x",
                only(commands.executeChat("msg Agent-2 -x", admin)).message().body());
        // A quote the text never closes is the text's own
        assertEquals(
                "don't stop",
                only(commands.executeChat("msg Agent-2 don't stop", admin))
                        .message()
                        .body());
        assertEquals(
                "\"unclosed",
                only(commands.executeChat("msg Agent-2 \"unclosed", admin))
                        .message()
                        .body());
    }

    @Test
    void preSplitArgumentsFollowTheSameRule() {
        assertEquals(
                "--help me",
                only(commands.execute(List.of("msg", "Agent-2", "--help", "me"), admin))
                        .message()
                        .body());
        assertEquals(
                "  two leading spaces",
                only(commands.execute(List.of("msg", "Agent-2", "  two leading spaces"), admin))
                        .message()
                        .body());
        QueuedMessage m = only(commands.execute(List.of("msg", "Agent-2", "-p", "urgent", "--", "--help"), admin));
        assertEquals(Priority.URGENT, m.message().priority());
        assertEquals("--help", m.message().body());
        assertEquals(
                "---",
                only(commands.execute(List.of("send", "Agent-2", "---"), admin))
                        .message()
                        .body());
        // Slash commands: options, then "--", then the agent and the text
        QueuedMessage slash =
                only(commands.execute(List.of("msg", "--priority", "high", "--", "Agent-2", "-p x"), admin));
        assertEquals("-p x", slash.message().body());
        assertEquals(Priority.HIGH, slash.message().priority());
    }

    @Test
    void unknownAgentGetsASuggestionAndNothingIsQueued() {
        Reply r = commands.executeChat("msg Agnet-2 hello", admin);
        assertEquals(Reply.Status.ERROR, r.status());
        assertEquals("unknown agent 'Agnet-2' — did you mean Agent-2?", r.title());
        assertEquals(
                0,
                queue.stats().byState().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
    }

    @Test
    void badTextIsRefusedWithAClearLine() {
        assertEquals(
                "the message is 101 characters; the limit is 100",
                commands.executeChat("msg Agent-2 " + "x".repeat(101), admin).title());
        assertTrue(
                commands.executeChat("msg Agent-2 bell\u0007", admin).title().contains("control character (U+0007)"));
        Reply missing = commands.executeChat("msg Agent-2", admin);
        assertEquals(Reply.Status.USAGE, missing.status());
        assertEquals("the message text is empty", missing.title());
        assertTrue(missing.lines().get(0).startsWith("usage: msg"), missing.text());
        // The same answer for blank text, in chat and as pre-split arguments (the CLI)
        assertEquals(missing, commands.executeChat("msg Agent-2  \n ", admin));
        assertEquals(missing, commands.execute(List.of("msg", "Agent-2", ""), admin));
        assertEquals(missing, commands.execute(List.of("msg", "Agent-2"), admin));
        assertEquals(
                "Missing required parameters: '<agent>', '<text>'",
                commands.executeChat("msg", admin).title());
        assertEquals(
                Reply.Status.USAGE,
                commands.executeChat("msg \"Agent-2 unclosed", admin).status());
        assertTrue(queue.list(List.of(), null, 10).isEmpty());
    }

    @Test
    void defaultDenyForViewersAndAdminOnlyQueueControl() {
        Reply denied = commands.executeChat("msg Agent-2 hi", viewer);
        assertEquals(Reply.Status.DENIED, denied.status());
        assertEquals("you are not allowed to run 'msg' (needs operator)", denied.title());
        assertEquals(Reply.Status.OK, commands.executeChat("agents", viewer).status());
        assertEquals(Reply.Status.OK, commands.executeChat("status", viewer).status());
        assertEquals(
                Reply.Status.DENIED,
                commands.executeChat("queue pause Agent-2", operator).status());
        assertEquals(
                Reply.Status.OK, commands.executeChat("queue list", operator).status());
        assertTrue(queue.list(List.of(), null, 10).isEmpty());
    }

    @Test
    void rateLimitAppliesPerUserButNotToTheLocalConsole() {
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    Reply.Status.OK,
                    commands.executeChat("msg Agent-2 n" + i, operator).status());
        }
        Reply limited = commands.executeChat("msg Agent-2 again", operator);
        assertEquals(Reply.Status.ERROR, limited.status());
        assertTrue(limited.title().startsWith("slow down: at most 3 messages per 60 s"), limited.title());
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    Reply.Status.OK,
                    commands.executeChat("msg Agent-2 local" + i, admin).status());
        }
    }

    @Test
    void broadcastFansOutWithOneCorrelationIdAndTagsSelectAGroup() {
        Reply all = commands.executeChat("broadcast standup in 5", admin);
        assertEquals(3, all.messageIds().size(), all.text());
        List<QueuedMessage> copies = all.messageIds().stream()
                .map(id -> queue.find(id).orElseThrow())
                .toList();
        assertEquals(
                1,
                copies.stream().map(q -> q.message().correlationId()).distinct().count());
        assertTrue(copies.stream().allMatch(q -> q.message().type() == MessageType.BROADCAST));
        Reply ui = commands.executeChat("broadcast --tag ui redesign", admin);
        assertEquals(2, ui.messageIds().size(), ui.text());
        assertEquals(
                Reply.Status.ERROR,
                commands.executeChat("broadcast --tag nobody hi", admin).status());
    }

    @Test
    void queueControlRoundTrip() {
        QueuedMessage m = only(commands.execute(List.of("msg", "Agent-2", "hello", "world"), admin));
        assertEquals("hello world", m.message().body());
        String shortId = "#" + m.id().substring(m.id().length() - 4);

        assertEquals(
                Reply.Status.OK,
                commands.executeChat("queue pause agent-2", admin).status());
        assertTrue(queue.isPaused("Agent-2"));
        Reply list = commands.executeChat("queue list", admin);
        assertTrue(list.text().contains(shortId) && list.text().contains("hello world"), list.text());
        assertTrue(commands.executeChat("agents", admin).text().contains("Agent-2 · inbox · 1 pending"));
        assertEquals(
                Reply.Status.OK,
                commands.executeChat("queue resume Agent-2", admin).status());
        assertFalse(queue.isPaused("Agent-2"));

        Reply cancel = commands.executeChat("queue cancel " + shortId, admin);
        assertEquals(Reply.Status.OK, cancel.status(), cancel.text());
        assertEquals(MessageState.CANCELLED, queue.find(m.id()).orElseThrow().state());
        Reply again = commands.executeChat("queue cancel " + shortId, admin);
        assertEquals(Reply.Status.ERROR, again.status());
        assertTrue(again.title().contains("is cancelled; it cannot become cancelled"), again.title());

        Reply status = commands.executeChat("status " + shortId, viewer);
        assertTrue(status.title().endsWith("Agent-2: cancelled"), status.title());
        assertEquals(3, status.lines().size(), status.text()); // summary + queued + cancelled
        assertEquals(
                Reply.Status.ERROR, commands.executeChat("status #ffff", viewer).status());
        assertEquals(
                Reply.Status.ERROR,
                commands.executeChat("status ../../etc", viewer).status());
    }

    @Test
    void ackMarksADeliveredMessageRead() {
        QueuedMessage m = only(commands.executeChat("msg Agent-2 hi", admin));
        assertEquals(
                Reply.Status.ERROR, commands.executeChat("ack " + m.id(), admin).status(), "not delivered yet");
        queue.claimNext("Agent-2", "w", java.time.Duration.ofSeconds(30));
        queue.markDelivered(m.id(), "inbox", true, null);
        assertEquals(
                m.id().substring(32),
                commands.executeChat("ack " + m.id(), admin).title().substring(1, 5));
        assertEquals(MessageState.READ, queue.find(m.id()).orElseThrow().state());
        assertTrue(commands.executeChat("ack " + m.id(), admin).title().endsWith("was already read"));
    }

    @Test
    void helpListsOnlyWhatTheCallerMayRun() {
        Reply forViewer = commands.executeChat("help", viewer);
        assertTrue(forViewer.text().contains("agents"), forViewer.text());
        assertFalse(forViewer.text().contains("msg "), forViewer.text());
        Reply forAdmin = commands.executeChat("help", admin);
        assertTrue(forAdmin.text().contains("msg ") && forAdmin.text().contains("queue"), forAdmin.text());
        Reply usage = commands.executeChat("help msg", viewer);
        assertTrue(usage.text().contains("Usage: msg"), usage.text());
        assertTrue(commands.executeChat("msg --help", admin).text().contains("--priority"));
    }

    @Test
    void unknownCommandsAreNamedWithASuggestion() {
        assertEquals(
                "unknown command 'mgs' — did you mean msg?",
                commands.executeChat("mgs Agent-1 x", admin).title());
        assertEquals(Reply.Status.OK, commands.executeChat("", admin).status(), "empty text shows help");
    }

    @Test
    void commandInfoServesPlatformMenus() {
        List<CommandInfo> infos = commands.commands();
        CommandInfo msg =
                infos.stream().filter(i -> i.name().equals("msg")).findFirst().orElseThrow();
        assertEquals(Role.OPERATOR, msg.requiredRole());
        assertTrue(msg.spec().findOption("--priority") != null);
        assertTrue(commands.isCommand("SEND"));
        assertEquals(
                List.of("Agent-1", "a1", "Agent-2", "Agent-3"),
                commands.completeAgent("a").subList(0, 4));
    }
}
