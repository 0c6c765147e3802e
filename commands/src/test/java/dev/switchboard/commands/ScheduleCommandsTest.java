package dev.switchboard.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.Schedule;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.core.routing.AgentMessageHandler;
import dev.switchboard.core.routing.AuthorizationMiddleware;
import dev.switchboard.core.routing.FanOutHandler;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.routing.ValidationMiddleware;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msg --in/--at/--every, queue list --scheduled and queue cancel, on a real queue, in a non-UTC local zone. */
class ScheduleCommandsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private SqliteMessageQueue queue;
    private CommandSet commands;
    private final Clock clock = Clock.system(ZONE);
    private final Caller operator =
            new Caller(new Sender(Platform.DISCORD, "o-id", "olga", Role.OPERATOR), Origin.of(Platform.DISCORD));
    private final Caller admin =
            new Caller(new Sender(Platform.CONSOLE, "a-id", "alice", Role.ADMIN), Origin.of(Platform.CONSOLE));

    @BeforeEach
    void setUp() {
        SwitchboardConfig cfg = SwitchboardConfig.defaults(dir)
                .withAgents(List.of(AgentConfig.inboxOnly("Agent-1"), AgentConfig.inboxOnly("Agent-2")));
        queue = SqliteMessageQueue.open(dir.resolve("data"), 3, new Backoff(10, 100));
        AgentRegistry agents = new AgentRegistry(cfg.agents());
        MessageRouter router = new MessageRouter(
                queue,
                List.of(new ValidationMiddleware(() -> 100), new AuthorizationMiddleware()),
                List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
        commands = new CommandSet(new CommandServices(router, queue, agents, () -> cfg, clock));
    }

    @AfterEach
    void tearDown() {
        queue.close();
    }

    @Test
    void msgInQueuesTheExactTextForLaterAndSaysWhenInLocalTime() {
        Instant before = Instant.now();
        Reply r = commands.executeChat("msg Agent-2 --in 10m rerun  the tests\nplease", operator);
        Instant after = Instant.now();

        assertEquals(Reply.Status.OK, r.status(), r.text());
        assertTrue(
                r.title().startsWith("scheduled #")
                        && r.title().contains(" for Agent-2 at ")
                        && r.title().contains("local time (Europe/Berlin), in "),
                r.title());
        QueuedMessage m = queue.find(r.messageIds().get(0)).orElseThrow();
        assertEquals("rerun  the tests\nplease", m.message().body());
        assertEquals(MessageState.QUEUED, m.state());
        assertTrue(
                !m.nextAttempt().isBefore(before.plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS))
                        && !m.nextAttempt().isAfter(after.plus(Duration.ofMinutes(10))),
                m.nextAttempt().toString());
        assertTrue(!queue.hasReady("Agent-2"), "not deliverable before its time");
    }

    @Test
    void msgAtTakesTheNextSuchLocalTimeAndOptionsMayComeBeforeTheAgentName() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        LocalTime target = now.toLocalTime().plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        String typed = target.format(DateTimeFormatter.ofPattern("HH:mm"));
        ZonedDateTime expected = LocalDate.now(clock).atTime(target).atZone(ZONE);
        if (!expected.isAfter(now)) {
            expected = expected.plusDays(1);
        }

        Reply r = commands.executeChat("msg --at " + typed + " agent-2 stand-up", operator);

        assertEquals(Reply.Status.OK, r.status(), r.text());
        assertTrue(r.title().contains(typed + " local time (Europe/Berlin)"), r.title());
        QueuedMessage m = queue.find(r.messageIds().get(0)).orElseThrow();
        assertEquals(expected.toInstant(), m.nextAttempt());
        assertEquals("stand-up", m.message().body());
    }

    @Test
    void aWordAfterTheTextStartsIsText() {
        Reply r = commands.executeChat("msg Agent-2 hello --in 10m", operator);
        QueuedMessage m = queue.find(r.messageIds().get(0)).orElseThrow();
        assertEquals("hello --in 10m", m.message().body());
        assertTrue(r.title().startsWith("queued #"), r.title());
    }

    @Test
    void everyIsListedWithWaitingMessagesAndCancelledByItsId() {
        Reply every = commands.executeChat("msg Agent-1 --every 1h --in 5m -p high commit your work", operator);
        assertEquals(Reply.Status.OK, every.status(), every.text());
        assertTrue(every.title().contains(" for Agent-1 every 1h, first at "), every.title());
        Reply later = commands.executeChat("msg Agent-2 --in 2h later text", operator);
        assertEquals(Reply.Status.OK, later.status(), later.text());

        Reply list = commands.executeChat("queue list --scheduled", operator);
        assertEquals("1 schedule(s), 1 message(s) waiting for their time", list.title(), list.text());
        Schedule s = queue.schedules().list(null).get(0);
        assertEquals(Duration.ofHours(1), s.every());
        assertEquals("commit your work", s.template().body());
        assertTrue(
                list.lines().get(0).contains("Agent-1  every 1h, next ")
                        && list.lines().get(0).contains("high"),
                list.lines().toString());
        assertTrue(
                list.lines().get(1).contains("Agent-2  at ")
                        && list.lines().get(1).contains("\"later text\""),
                list.lines().toString());

        String shortId = "#" + s.id().substring(s.id().length() - 4);
        Reply cancel = commands.executeChat("queue cancel " + shortId, admin);
        assertEquals(Reply.Status.OK, cancel.status(), cancel.text());
        assertTrue(
                cancel.title().startsWith("schedule " + shortId + " for Agent-1 (every 1h) cancelled"), cancel.title());
        assertEquals(List.of(), queue.schedules().list(null));

        Reply cancelMessage =
                commands.executeChat("queue cancel " + later.messageIds().get(0), admin);
        assertEquals(Reply.Status.OK, cancelMessage.status(), cancelMessage.text());
        assertEquals(
                "nothing scheduled",
                commands.executeChat("queue list --scheduled", operator).title());
    }

    @Test
    void badTimesAreRefusedInOneLineAndNothingIsStored() {
        for (String line : List.of(
                "msg Agent-2 --in 10x hi",
                "msg Agent-2 --every 10s hi",
                "msg Agent-2 --in 5m --at 14:00 hi",
                "msg Agent-2 --at 25:99 hi",
                "msg Agent-2 --in 0m hi",
                "msg Agent-2 --at 2020-01-01T10:00 hi",
                "msg Agent-2 --in 400d hi")) {
            Reply r = commands.executeChat(line, operator);
            assertEquals(Reply.Status.ERROR, r.status(), line + " → " + r.text());
            assertEquals(1, r.text().lines().count(), r.text());
        }
        assertEquals(List.of(), queue.schedules().list(null));
        assertEquals(List.of(), queue.list(Set.of(), null, 10));
    }

    @Test
    void aViewerCannotScheduleAndAnUnknownAgentIsRefusedBeforeAnythingIsStored() {
        Caller viewer = new Caller(new Sender(Platform.TWITCH, "v", "victor", Role.VIEWER), Origin.of(Platform.TWITCH));
        assertEquals(
                Reply.Status.DENIED,
                commands.executeChat("msg Agent-1 --every 1h x", viewer).status());
        Reply unknown = commands.executeChat("msg Agnet-1 --every 1h x", operator);
        assertEquals(Reply.Status.ERROR, unknown.status());
        assertTrue(unknown.title().contains("did you mean Agent-1"), unknown.title());
        assertEquals(List.of(), queue.schedules().list(null));
    }
}
