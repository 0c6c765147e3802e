package dev.switchboard.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.MutableClock;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.SqliteMessageQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one path into the queue: middleware, handler choice, fan-out; refusals queue nothing. */
class MessageRouterTest {
    private static final Sender OPERATOR = new Sender(Platform.DISCORD, "42", "olga", Role.OPERATOR);
    private static final Sender VIEWER = new Sender(Platform.DISCORD, "7", "vic", Role.VIEWER);

    @TempDir
    Path dir;

    private SqliteMessageQueue queue;
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicReference<RateLimitMiddleware.Limit> limit =
            new AtomicReference<>(new RateLimitMiddleware.Limit(3, 10));
    private final AgentRegistry agents = new AgentRegistry(List.of(
            agent("Agent-1", List.of("a1"), List.of("web")),
            agent("Agent-2", List.of(), List.of("web", "db")),
            agent("Agent-3", List.of(), List.of())));
    private MessageRouter router;

    private static AgentConfig agent(String id, List<String> aliases, List<String> tags) {
        return new AgentConfig(id, aliases, tags, List.of(DeliveryMethod.INBOX), null, null, null);
    }

    @BeforeEach
    void setUp() {
        queue = SqliteMessageQueue.open(dir, 3, new Backoff(100, 1000));
        router = new MessageRouter(
                queue,
                List.of(
                        new ValidationMiddleware(() -> 50),
                        new AuthorizationMiddleware(),
                        new RateLimitMiddleware(limit::get, clock)),
                List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
    }

    @AfterEach
    void tearDown() {
        queue.close();
    }

    private static UnifiedMessage to(Sender sender, Recipient recipient, MessageType type, String body) {
        String id = MessageIds.newId();
        return new UnifiedMessage(id, id, sender, recipient, type, Priority.HIGH, body, null, null, null, null, null);
    }

    private long queued() {
        return queue.stats().count(MessageState.QUEUED);
    }

    private RejectedException rejected(UnifiedMessage m) {
        RejectedException e = assertThrows(RejectedException.class, () -> router.submit(m));
        assertEquals(0, queued(), "a refused message queues nothing");
        return e;
    }

    @Test
    void aMessageToAnAliasIsQueuedForTheAgentWithItsId() {
        UnifiedMessage m = to(OPERATOR, Recipient.agent("A1"), MessageType.TEXT, "rebase please");

        List<QueuedMessage> out = router.submit(m);

        assertEquals(1, out.size());
        assertEquals(m.id(), out.get(0).id());
        assertEquals("Agent-1", out.get(0).agent());
        assertEquals(MessageState.QUEUED, queue.find(m.id()).orElseThrow().state());
        assertEquals(Priority.HIGH, queue.find(m.id()).orElseThrow().message().priority());
    }

    @Test
    void anUnknownAgentIsRefusedWithASuggestion() {
        RejectedException e = rejected(to(OPERATOR, Recipient.agent("Agnet-2"), MessageType.TEXT, "hi"));
        assertEquals(RejectedException.Reason.UNKNOWN_AGENT, e.reason());
        assertEquals("unknown agent 'Agnet-2' — did you mean Agent-2?", e.getMessage());
    }

    @Test
    void invalidTextIsRefusedBeforeAnythingElse() {
        assertEquals(
                RejectedException.Reason.INVALID,
                rejected(to(OPERATOR, Recipient.agent("Agent-1"), MessageType.TEXT, "x".repeat(51)))
                        .reason());
        assertEquals(
                RejectedException.Reason.INVALID,
                rejected(to(VIEWER, Recipient.agent("Agent-1"), MessageType.TEXT, "bell\u0007"))
                        .reason());
    }

    @Test
    void authorizationDeniesByDefaultAndNeedsAdminForOnboarding() {
        RejectedException viewer = rejected(to(VIEWER, Recipient.agent("Agent-1"), MessageType.TEXT, "hi"));
        assertEquals(RejectedException.Reason.NOT_AUTHORIZED, viewer.reason());
        assertEquals("vic is not allowed to send messages to agents (needs operator)", viewer.getMessage());
        assertEquals(
                RejectedException.Reason.NOT_AUTHORIZED,
                rejected(to(OPERATOR, Recipient.agent("Agent-1"), MessageType.ONBOARDING, "hi"))
                        .reason());
        Sender nobody = new Sender(Platform.TWITCH, "x", null, null); // role unresolved → viewer
        assertEquals(
                RejectedException.Reason.NOT_AUTHORIZED,
                rejected(to(nobody, Recipient.agent("Agent-1"), MessageType.TEXT, "hi"))
                        .reason());

        Sender admin = new Sender(Platform.DISCORD, "1", "ada", Role.ADMIN);
        assertEquals(
                1,
                router.submit(to(admin, Recipient.agent("Agent-1"), MessageType.ONBOARDING, "hi"))
                        .size());
        assertEquals(
                1,
                router.submit(to(Sender.system("gas"), Recipient.agent("Agent-1"), MessageType.SYSTEM, "x"))
                        .size(),
                "the system itself is trusted");
    }

    @Test
    void rateLimitIsPerUserWithASlidingWindow() {
        for (int i = 0; i < 3; i++) {
            router.submit(to(OPERATOR, Recipient.agent("Agent-1"), MessageType.TEXT, "m" + i));
            clock.advance(Duration.ofSeconds(1));
        }
        RejectedException e = assertThrows(
                RejectedException.class,
                () -> router.submit(to(OPERATOR, Recipient.agent("Agent-1"), MessageType.TEXT, "too many")));
        assertEquals(RejectedException.Reason.RATE_LIMITED, e.reason());
        assertEquals("slow down: at most 3 messages per 10 s; try again in 7 s", e.getMessage());
        assertEquals(3, queued());

        // another user is not affected, nor are local users
        Sender other = new Sender(Platform.DISCORD, "43", "otto", Role.OPERATOR);
        router.submit(to(other, Recipient.agent("Agent-1"), MessageType.TEXT, "mine"));
        Sender console = new Sender(Platform.CONSOLE, "root", "root", Role.ADMIN);
        for (int i = 0; i < 10; i++) {
            router.submit(to(console, Recipient.agent("Agent-2"), MessageType.TEXT, "c" + i));
        }
        // once the first message leaves the window, one more fits
        clock.advance(Duration.ofSeconds(7));
        router.submit(to(OPERATOR, Recipient.agent("Agent-1"), MessageType.TEXT, "again"));
        // a config reload applies at once
        limit.set(new RateLimitMiddleware.Limit(100, 10));
        router.submit(to(OPERATOR, Recipient.agent("Agent-1"), MessageType.TEXT, "relaxed"));
    }

    @Test
    void aBroadcastFansOutToEveryAgentWithOwnIdsAndOneCorrelationId() {
        UnifiedMessage b = to(OPERATOR, Recipient.broadcast(), MessageType.BROADCAST, "standup in 5");

        List<QueuedMessage> out = router.submit(b);

        assertEquals(
                List.of("Agent-1", "Agent-2", "Agent-3"),
                out.stream().map(QueuedMessage::agent).toList());
        Set<String> ids = new HashSet<>(out.stream().map(QueuedMessage::id).toList());
        assertEquals(3, ids.size());
        for (QueuedMessage q : out) {
            assertEquals(b.correlationId(), q.message().correlationId());
            assertNotEquals(b.id(), q.id());
            assertEquals(
                    "standup in 5", queue.find(q.id()).orElseThrow().message().body());
        }
        assertEquals(3, queued());
    }

    @Test
    void aGroupMessageGoesToTheAgentsWithTheTagAndAnEmptyGroupIsRefused() {
        List<QueuedMessage> out = router.submit(to(OPERATOR, Recipient.group("WEB"), MessageType.TEXT, "deploy"));
        assertEquals(
                List.of("Agent-1", "Agent-2"),
                out.stream().map(QueuedMessage::agent).toList());

        RejectedException e = assertThrows(
                RejectedException.class,
                () -> router.submit(to(OPERATOR, Recipient.group("mobile"), MessageType.TEXT, "x")));
        assertEquals(RejectedException.Reason.NO_RECIPIENTS, e.reason());
        assertEquals(2, queued());
    }

    @Test
    void theHighestPriorityHandlerThatTakesTheMessageWins() {
        AtomicInteger special = new AtomicInteger();
        MessageHandler onboarding = new MessageHandler() {
            @Override
            public int priority() {
                return 10;
            }

            @Override
            public boolean handles(UnifiedMessage message) {
                return message.type() == MessageType.ONBOARDING;
            }

            @Override
            public List<UnifiedMessage> expand(UnifiedMessage message) {
                special.incrementAndGet();
                return List.of(message.withRecipient(Recipient.agent("Agent-3")));
            }
        };
        MessageRouter withPlugin = new MessageRouter(
                queue, List.of(), List.of(new AgentMessageHandler(agents), onboarding, new FanOutHandler(agents)));
        Sender admin = new Sender(Platform.CONSOLE, "root", "root", Role.ADMIN);

        List<QueuedMessage> out =
                withPlugin.submit(to(admin, Recipient.agent("Agent-1"), MessageType.ONBOARDING, "hi"));

        assertEquals(1, special.get());
        assertEquals("Agent-3", out.get(0).agent());
        assertEquals(
                "Agent-1",
                withPlugin
                        .submit(to(admin, Recipient.agent("a1"), MessageType.TEXT, "t"))
                        .get(0)
                        .agent());
    }
}
