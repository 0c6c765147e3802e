package dev.switchboard.commands.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Reply;
import dev.switchboard.commands.Rig;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerIntakeTest {
    @TempDir
    Path dir;

    private Rig rig;

    @BeforeEach
    void setUp() {
        rig = new Rig(dir);
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    /** A message from {@code platform} to Agent-2, delivered. */
    private QueuedMessage delivered(Platform platform) {
        Reply r = rig.commands.executeChat("msg Agent-2 how is it going?", Rig.caller("alice", Role.ADMIN, platform));
        String id = r.messageIds().get(0);
        rig.queue.claimNext("Agent-2", "w", Duration.ofSeconds(30));
        rig.queue.markDelivered(id, "inbox", true, null);
        return rig.queue.find(id).orElseThrow();
    }

    @Test
    void anAnswerWithReplyToIsStoredForThePlatformThatAskedAndTheQuestionIsRead() {
        QueuedMessage q = delivered(Platform.DISCORD);

        rig.intake.take(
                new AgentAnswer("agent-2", "#" + q.id().substring(q.id().length() - 4), null, "fine\n", "test"));

        List<Answer> waiting = rig.answers.waiting(EnumSet.allOf(Destination.class), 10);
        assertEquals(1, waiting.size());
        Answer a = waiting.get(0);
        assertEquals(Destination.DISCORD, a.destination());
        assertEquals("m-alice", a.origin().messageId(), "replies to the chat message that asked");
        assertEquals("Agent-2", a.agent());
        assertEquals("fine", a.body());
        assertEquals(MessageState.READ, rig.queue.find(q.id()).orElseThrow().state());
        assertEquals(1, rig.wakeUps.get());
    }

    @Test
    void noReplyToGoesToTheStatusChannel() {
        rig.intake.take(new AgentAnswer("Agent-3", null, null, "done with the refactor", "test"));

        Answer a = rig.answers.waiting(EnumSet.allOf(Destination.class), 10).get(0);
        assertEquals(Destination.STATUS, a.destination());
    }

    @Test
    void toAnotherAgentIsQueuedLikeAnyMessageAndAnAnswerToAnAgentsQuestionGoesBackToIt() {
        rig.intake.take(new AgentAnswer("Agent-2", null, "Agent-3", "can you review #12?", "test"));
        QueuedMessage toThree = rig.queue.list(List.of(), "Agent-3", 10).get(0);
        assertEquals(MessageType.REPLY, toThree.message().type());
        assertEquals(MessageState.QUEUED, toThree.state());
        assertEquals("can you review #12?", toThree.message().body());

        rig.queue.claimNext("Agent-3", "w", Duration.ofSeconds(30));
        rig.queue.markDelivered(toThree.id(), "inbox", true, null);
        rig.intake.take(new AgentAnswer("Agent-3", toThree.id(), null, "approved", "test"));

        QueuedMessage back = rig.queue.list(List.of(), "Agent-2", 10).get(0);
        assertEquals("approved", back.message().body());
        assertEquals(toThree.message().correlationId(), back.message().correlationId());
        assertEquals(
                MessageState.READ, rig.queue.find(toThree.id()).orElseThrow().state());
        assertEquals(0, rig.answers.countWaiting(), "nothing for people");
    }

    @Test
    void badAnswersAreRefusedWithOneLineAndNothingIsStored() {
        assertRefused("unknown agent 'Agent-9'", new AgentAnswer("Agent-9", null, null, "hi", "t"));
        assertRefused("reply_to: no message #ffff", new AgentAnswer("Agent-2", "ffff", null, "hi", "t"));
        assertRefused(
                "reply_to: '../../etc' is not a message id", new AgentAnswer("Agent-2", "../../etc", null, "hi", "t"));
        assertRefused("to: unknown agent 'nobody'", new AgentAnswer("Agent-2", null, "nobody", "hi", "t"));
        assertRefused("the answer text is empty", new AgentAnswer("Agent-2", null, null, " \n ", "t"));
        assertRefused("control character", new AgentAnswer("Agent-2", null, null, "a\u0007b", "t"));
        assertEquals(0, rig.answers.countWaiting());
        assertEquals(List.of(), rig.queue.list(List.of(), null, 10));
    }

    @Test
    void replyAndSayCommandsTakeAnswersLikeTheOutbox() {
        QueuedMessage q = delivered(Platform.TWITCH);
        Reply r = rig.commands.execute(
                List.of("reply", q.id(), "--", "on it"), Rig.caller("me", Role.ADMIN, Platform.CLI));
        assertEquals(Reply.Status.OK, r.status(), r.text());
        assertTrue(r.title().contains("stored for twitch"), r.title());

        Reply s = rig.commands.executeChat("say --as a1 lunch break", Rig.caller("me", Role.ADMIN, Platform.CLI));
        assertEquals(Reply.Status.OK, s.status(), s.text());
        List<Answer> waiting = rig.answers.waiting(EnumSet.allOf(Destination.class), 10);
        assertEquals(
                List.of("on it", "lunch break"),
                waiting.stream().map(Answer::body).toList());
        assertEquals("Agent-1", waiting.get(1).agent());

        Reply denied = rig.commands.executeChat("say --as a1 hi", Rig.caller("op", Role.OPERATOR, Platform.DISCORD));
        assertEquals(Reply.Status.DENIED, denied.status());
    }

    @Test
    void aReplyToThatMatchesSeveralMessagesIsRefusedNotRetriedForever() {
        // GIVEN two messages whose ids end alike (short ids are the last four hex digits)
        for (String id : List.of("01a20919-2e6d-71a1-b954-1278b2c3beef", "01a20919-2e6d-71a1-b954-1278b2c4beef")) {
            rig.queue.enqueue(new dev.switchboard.core.message.UnifiedMessage(
                    id,
                    id,
                    Rig.caller("alice", Role.ADMIN, Platform.DISCORD).sender(),
                    dev.switchboard.core.message.Recipient.agent("Agent-2"),
                    dev.switchboard.core.message.MessageType.TEXT,
                    dev.switchboard.core.message.Priority.NORMAL,
                    "question",
                    null,
                    null,
                    null,
                    java.time.Instant.now(),
                    null));
        }
        // THEN an answer to '#beef' is refused at once (an ambiguity never settles by waiting)
        assertRefused("matches several messages", new AgentAnswer("Agent-2", "#beef", null, "which one?", "test"));
        assertEquals(
                0, rig.answers.waiting(EnumSet.allOf(Destination.class), 10).size());
    }

    private void assertRefused(String part, AgentAnswer a) {
        AnswerRefused e = assertThrows(AnswerRefused.class, () -> rig.intake.take(a));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }
}
