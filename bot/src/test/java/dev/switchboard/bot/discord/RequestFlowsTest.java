package dev.switchboard.bot.discord;

import static dev.switchboard.bot.discord.Events.event;
import static dev.switchboard.core.message.MessageState.DEAD;
import static dev.switchboard.core.message.MessageState.DELIVERED;
import static dev.switchboard.core.message.MessageState.DELIVERING;
import static dev.switchboard.core.message.MessageState.QUEUED;
import static dev.switchboard.core.message.MessageState.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandInfo;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.track.RequestTracker;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat and slash flows with the command layer and the Discord side faked by our own interfaces. */
class RequestFlowsTest {
    private static final String ID = "0190aaaa-0000-7000-8000-00000000a001";
    private static final Caller ALICE = new Caller(
            new Sender(Platform.DISCORD, "101", "alice", Role.OPERATOR),
            new Origin(Platform.DISCORD, "1", "2", "3", null));

    /** Answers every command with one fixed reply and records what it was asked. */
    private static final class FixedCommands implements ChatCommands {
        final List<String> asked = new ArrayList<>();
        private final Reply reply;

        FixedCommands(Reply reply) {
            this.reply = reply;
        }

        @Override
        public Reply executeChat(String line, Caller caller) {
            asked.add(line);
            return reply;
        }

        @Override
        public Reply execute(List<String> args, Caller caller) {
            asked.add(String.join("|", args));
            return reply;
        }

        @Override
        public List<String> completeAgent(String prefix) {
            return List.of();
        }

        @Override
        public List<CommandInfo> commands() {
            return List.of();
        }
    }

    private static final class RecordingChat implements RequestFlows.ChatView {
        final List<String> reactions = new ArrayList<>();
        final List<String> replies = new ArrayList<>();

        @Override
        public void react(String emoji) {
            reactions.add(emoji);
        }

        @Override
        public void reply(ReplyRenderer.Rendered reply) {
            replies.add(reply.isEmbed() ? "embed:" + reply.embed().title() : String.join("|", reply.texts()));
        }
    }

    private final RequestTracker tracker = new RequestTracker(e -> true, 100);
    private final ReplyThrottle throttle = new ReplyThrottle(Clock.systemUTC(), Duration.ofSeconds(10));

    @Test
    void queuedMessageReactsThenFollowsItsStatesEvenThoseReportedBeforeTheReply() {
        FixedCommands commands =
                new FixedCommands(new Reply(Reply.Status.OK, "queued #a001 for Agent-2", List.of(), List.of(ID)));
        RequestFlows flows = new RequestFlows(commands, tracker, throttle);
        RecordingChat view = new RecordingChat();
        tracker.accept(event(1, ID, null, QUEUED));
        tracker.accept(event(2, ID, QUEUED, DELIVERING));

        flows.chat("msg Agent-2 line one\nline two", ALICE, view);
        tracker.accept(event(3, ID, DELIVERING, DELIVERED, "inbox", true, null));
        tracker.accept(event(4, ID, DELIVERED, READ));

        assertEquals(List.of("msg Agent-2 line one\nline two"), commands.asked);
        assertEquals(List.of(StatusEmoji.QUEUED, StatusEmoji.DELIVERED, StatusEmoji.READ), view.reactions);
        assertEquals(List.of(), view.replies, "a queued message is answered by reactions only");
        assertEquals(0, tracker.trackedCount(), "a read message is no longer followed");
    }

    @Test
    void aNoteOnTheQueuedMessageIsRepliedWhileTheReactionKeepsTheState() {
        RequestFlows flows = new RequestFlows(
                new FixedCommands(new Reply(
                        Reply.Status.OK,
                        "queued #a001 for Agent-2",
                        List.of("paused: Agent-2 — held until resumed"),
                        List.of(ID))),
                tracker,
                throttle);
        RecordingChat view = new RecordingChat();

        flows.chat("msg Agent-2 hi", ALICE, view);

        assertEquals(List.of(StatusEmoji.QUEUED), view.reactions);
        assertEquals(List.of("ℹ️ paused: Agent-2 — held until resumed"), view.replies);
    }

    @Test
    void deadMessageGetsACrossAndOneReplySayingWhy() {
        RequestFlows flows = new RequestFlows(
                new FixedCommands(new Reply(Reply.Status.OK, "queued", List.of(), List.of(ID))), tracker, throttle);
        RecordingChat view = new RecordingChat();

        flows.chat("msg Agent-2 hi", ALICE, view);
        tracker.accept(event(5, ID, DELIVERING, DEAD, null, null, "gave up after 5 attempts: inbox not writable"));
        tracker.accept(event(5, ID, DELIVERING, DEAD, null, null, "duplicate delivery of the same event"));

        assertEquals(List.of(StatusEmoji.QUEUED, StatusEmoji.FAILED), view.reactions);
        assertEquals(List.of("❌ #a001 to Agent-2: dead: gave up after 5 attempts: inbox not writable"), view.replies);
    }

    @Test
    void deniedRequestGetsACrossAndAThrottledOneLineReply() {
        RequestFlows flows =
                new RequestFlows(new FixedCommands(Reply.denied("you may not send messages")), tracker, throttle);
        RecordingChat view = new RecordingChat();

        flows.chat("msg Agent-2 hi", ALICE, view);
        flows.chat("msg Agent-2 hi again", ALICE, view);

        assertEquals(List.of(StatusEmoji.FAILED, StatusEmoji.FAILED), view.reactions);
        assertEquals(List.of("⛔ you may not send messages"), view.replies, "second denial within 10 s: no reply");
        assertEquals(0, tracker.trackedCount());
    }

    @Test
    void informationalCommandIsAnsweredWithItsRendering() {
        RequestFlows flows =
                new RequestFlows(new FixedCommands(Reply.ok("agents", List.of("Agent-1 inbox"))), tracker, throttle);
        RecordingChat view = new RecordingChat();

        flows.chat("agents", ALICE, view);

        assertEquals(List.of(), view.reactions);
        assertEquals(List.of("embed:agents"), view.replies);
    }

    @Test
    void slashReplyIsReplacedAsTheMessageMoves() {
        FixedCommands commands =
                new FixedCommands(new Reply(Reply.Status.OK, "queued #a001 for Agent-2", List.of(), List.of(ID)));
        RequestFlows flows = new RequestFlows(commands, tracker, throttle);
        List<String> shown = new ArrayList<>();

        flows.slash(
                List.of("msg", "--", "Agent-2", "hi"),
                ALICE,
                r -> shown.add(r.embed().description()));
        tracker.accept(event(3, ID, DELIVERING, DELIVERED, "inbox", true, null));

        assertEquals(List.of("msg|--|Agent-2|hi"), commands.asked);
        assertEquals(List.of("#a001: queued", "#a001 to Agent-2: delivered (inbox, verified)"), shown);
        assertTrue(tracker.trackedCount() > 0, "still followed until read");
    }

    @Test
    void slashReplyTitleFollowsTheStateInsteadOfStayingQueued() {
        RequestFlows flows = new RequestFlows(
                new FixedCommands(
                        new Reply(Reply.Status.OK, "queued #a001 for Agent-2 (id " + ID + ")", List.of(), List.of(ID))),
                tracker,
                throttle);
        List<String> titles = new ArrayList<>();

        flows.slash(
                List.of("msg", "--", "Agent-2", "hi"),
                ALICE,
                r -> titles.add(r.embed() == null ? r.texts().get(0) : r.embed().title()));
        tracker.accept(event(3, ID, DELIVERING, DELIVERED, "inbox", true, null));
        tracker.accept(event(4, ID, DELIVERED, READ, null, null, "moved to processed/"));

        assertEquals("queued #a001 for Agent-2 (id " + ID + ")", titles.get(0));
        assertEquals(
                "#a001 for Agent-2: read: moved to processed/",
                titles.get(titles.size() - 1),
                "the title says read once the state says read: " + titles);
        assertEquals(0, tracker.trackedCount(), "read is final");
    }

    /**
     * Issue 14.8b: events buffered before the command returned are replayed on the command's thread while the
     * bus delivers a newer one on its own thread. Here the live READ arrives exactly while the replayed
     * DELIVERED is being shown; it must wait its turn, so the reactions end in 👀, not in ✅.
     */
    @Test
    void aLiveEventArrivingDuringTheReplayNeverOvertakesIt() throws Exception {
        FixedCommands commands = new FixedCommands(new Reply(Reply.Status.OK, "queued", List.of(), List.of(ID)));
        RequestFlows flows = new RequestFlows(commands, tracker, throttle);
        java.util.concurrent.CountDownLatch replaying = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch liveSent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch readShown = new java.util.concurrent.CountDownLatch(1);
        List<String> reactions = java.util.Collections.synchronizedList(new ArrayList<>());
        RequestFlows.ChatView view = new RequestFlows.ChatView() {
            @Override
            public void react(String emoji) {
                if (emoji.equals(StatusEmoji.DELIVERED)) {
                    replaying.countDown();
                    try {
                        assertTrue(liveSent.await(10, java.util.concurrent.TimeUnit.SECONDS));
                        // room for the live event to overtake, as it could before the fix
                        readShown.await(300, java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                reactions.add(emoji);
                if (emoji.equals(StatusEmoji.READ)) {
                    readShown.countDown();
                }
            }

            @Override
            public void reply(ReplyRenderer.Rendered reply) {}
        };
        tracker.accept(event(1, ID, null, QUEUED));
        tracker.accept(event(2, ID, DELIVERING, DELIVERED, "inbox", true, null));
        Thread live = new Thread(() -> {
            try {
                replaying.await();
            } catch (InterruptedException e) {
                return;
            }
            liveSent.countDown();
            tracker.accept(event(3, ID, DELIVERED, READ));
        });
        live.start();

        flows.chat("msg Agent-2 hi", ALICE, view);
        live.join(10_000);

        assertEquals(List.of(StatusEmoji.QUEUED, StatusEmoji.DELIVERED, StatusEmoji.READ), reactions);
    }
}
