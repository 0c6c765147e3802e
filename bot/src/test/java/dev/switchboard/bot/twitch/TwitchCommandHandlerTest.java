package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwitchCommandHandlerTest {
    /** The command layer, reduced to what the handler relies on: it answers, and says what it queued. */
    static final class FakeCommands implements ChatCommands {
        final List<String> lines = new ArrayList<>();
        final List<Caller> callers = new ArrayList<>();

        @Override
        public boolean isCommand(String name) {
            return Set.of("msg", "agents", "help", "status", "broadcast", "queue")
                    .contains(name);
        }

        @Override
        public synchronized Reply executeChat(String line, Caller caller) {
            lines.add(line);
            callers.add(caller);
            if (line.startsWith("msg")) {
                return caller.role().atLeast(Role.OPERATOR)
                        ? new Reply(Reply.Status.OK, "queued #9a9a for Agent-2", List.of(), List.of("id-9a9a"))
                        : Reply.denied("you are not allowed to run 'msg' (needs operator)");
            }
            return Reply.ok("2 agents", List.of("Agent-1: idle", "Agent-2: busy"));
        }
    }

    private final AtomicLong now = new AtomicLong();
    private final FakeCommands commands = new FakeCommands();
    private final RecordingSink sink = new RecordingSink();
    private final ChatOutbox outbox = ChatOutbox.start(sink, 5, Duration.ofSeconds(30), System::nanoTime);
    private final StatusFollower follower = new StatusFollower(outbox::offer);
    private final TwitchCommandHandler handler = new TwitchCommandHandler(
            commands,
            new TwitchRoles(List.of("vip1")),
            new Cooldowns(Duration.ofSeconds(10), now::get, 100),
            QuoteBook.load(null, new SplittableRandom(3)),
            outbox,
            follower);

    @AfterEach
    void close() {
        outbox.close();
    }

    private static IncomingChat chat(String login, boolean mod, String id, String text) {
        return new IncomingChat("stream", id, "uid-" + login, login, login, false, mod, text);
    }

    @Test
    void moderatorMsgRunsWithTheirRoleAndOriginAndIsAnsweredAsAReplyThenFollowed() throws Exception {
        handler.handle(chat("mod1", true, "chat-1", "!msg Agent-2 hello\nworld"));
        assertEquals(List.of("msg Agent-2 hello\nworld"), commands.lines);
        Caller caller = commands.callers.get(0);
        assertEquals(Role.OPERATOR, caller.role());
        assertEquals(Platform.TWITCH, caller.sender().platform());
        assertEquals("uid-mod1", caller.sender().userId());
        assertEquals("stream", caller.origin().channelId());
        assertEquals("chat-1", caller.origin().messageId());

        follower.accept(StatusLineTest.event(
                3, "id-9a9a", MessageState.DELIVERING, MessageState.DELIVERED, "inbox", true, null));
        List<RecordingSink.Sent> sent = sink.await(2, Duration.ofSeconds(5));
        assertEquals(
                List.of("@mod1 queued #9a9a for Agent-2", "@mod1 → Agent-2: delivered (inbox, verified) · #9a9a"),
                sink.texts());
        assertTrue(sent.stream().allMatch(s -> "chat-1".equals(s.line().replyTo())));
    }

    @Test
    void viewerIsDeniedAndGetsReadOnlyAnswersWithinTheirCooldown() throws Exception {
        handler.handle(chat("viewer", false, "c1", "!msg Agent-2 hi"));
        handler.handle(chat("viewer", false, "c2", "!agents")); // cooling down: ignored
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        handler.handle(chat("viewer", false, "c3", "!agents"));
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        handler.handle(chat("viewer", false, "c4", "!quote"));
        sink.await(3, Duration.ofSeconds(5));
        List<String> texts = sink.texts();
        assertEquals("@viewer you are not allowed to run 'msg' (needs operator)", texts.get(0));
        assertEquals("@viewer 2 agents — Agent-1: idle · Agent-2: busy", texts.get(1));
        assertTrue(QuoteBook.BUILT_IN.contains(texts.get(2).substring("@viewer ".length())), texts.get(2));
        assertEquals(List.of("msg Agent-2 hi", "agents"), commands.lines);
    }

    @Test
    void allowlistedViewerAndOperatorsHaveNoCooldown() throws Exception {
        handler.handle(chat("vip1", false, "c1", "!agents"));
        handler.handle(chat("vip1", false, "c2", "!agents"));
        sink.await(2, Duration.ofSeconds(5));
        assertEquals(Role.OPERATOR, commands.callers.get(1).role());
    }

    @Test
    void chatterAndOtherBotsCommandsAreIgnored() throws Exception {
        for (String text : List.of("hello", "!", "! msg", "!uptime", "!!msg x", "msg Agent-2 hi", "")) {
            handler.handle(chat("mod", true, "c", text));
        }
        handler.handle(chat("mod", true, "c", "!help"));
        sink.await(1, Duration.ofSeconds(5));
        assertEquals(List.of("help"), commands.lines);
    }

    @Test
    void viewersAreTurnedAwayOnceTheSendBudgetIsSpent() throws Exception {
        for (int i = 0; i < 10; i++) {
            handler.handle(chat("v" + i, false, "c" + i, "!agents"));
        }
        sink.await(5, Duration.ofSeconds(5));
        assertEquals(5, commands.lines.size(), "the 6th viewer onwards is not even run");
        handler.handle(chat("mod", true, "cm", "!msg Agent-2 still works"));
        assertEquals(6, commands.lines.size(), "an operator's command always runs");
        assertEquals(1, outbox.pending(), "and its answer waits for the window");
    }
}
