package dev.switchboard.bot.twitch;

import static dev.switchboard.bot.twitch.StatusLineTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.core.message.MessageState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusFollowerTest {
    private final List<OutgoingChat> out = new ArrayList<>();
    private final StatusFollower follower = new StatusFollower(out::add);
    private final StatusFollower.Target target = new StatusFollower.Target("stream", "chat-1", "mod");

    @Test
    void eventsThatHappenedBeforeFollowingAreReplayedInOrder() {
        follower.accept(event(1, "id-aaaa", null, MessageState.QUEUED, null, null, null));
        follower.accept(event(2, "id-aaaa", MessageState.QUEUED, MessageState.DELIVERING, null, null, null));
        follower.accept(event(3, "id-aaaa", MessageState.DELIVERING, MessageState.DELIVERED, "inbox", true, null));
        follower.follow("id-aaaa", target);
        follower.accept(event(4, "id-aaaa", MessageState.DELIVERED, MessageState.READ, null, null, null));

        assertEquals(
                List.of("@mod → Agent-2: delivered (inbox, verified) · #aaaa", "@mod → Agent-2: read · #aaaa"),
                out.stream().map(OutgoingChat::text).toList());
        assertEquals("chat-1", out.get(0).replyTo());
        assertEquals(0, follower.followedCount(), "read is final: no longer followed");
    }

    @Test
    void unfollowedMessagesAndRepeatsSayNothing() {
        follower.follow("id-bbbb", target);
        follower.accept(event(5, "id-cccc", MessageState.DELIVERING, MessageState.DEAD, null, null, "no"));
        follower.accept(event(6, "id-bbbb", MessageState.DELIVERING, MessageState.RETRY_WAIT, null, null, "busy"));
        follower.accept(event(6, "id-bbbb", MessageState.DELIVERING, MessageState.RETRY_WAIT, null, null, "busy"));
        assertEquals(
                List.of("@mod → Agent-2: retry wait: busy · #bbbb"),
                out.stream().map(OutgoingChat::text).toList());
    }

    private static dev.switchboard.core.events.StatusEvent copy(
            long seq, String id, String agent, MessageState to, String method, Boolean verified, String detail) {
        var e = event(seq, id, MessageState.DELIVERING, to, method, verified, detail);
        return new dev.switchboard.core.events.StatusEvent(
                e.seq(),
                e.messageId(),
                "corr-77ab",
                agent,
                e.from(),
                e.to(),
                e.attempt(),
                e.method(),
                e.verified(),
                e.detail(),
                e.at(),
                e.sender(),
                e.origin());
    }

    @Test
    void aBroadcastIsSummedUpInOneLineOnceEveryCopyHasAnOutcome() {
        follower.accept(copy(1, "id-1", "Agent-1", MessageState.DELIVERED, "inbox", true, null));
        follower.followBroadcast(List.of("id-1", "id-2", "id-3"), target);
        follower.accept(copy(2, "id-2", "Agent-2", MessageState.RETRY_WAIT, null, null, "busy"));
        follower.accept(copy(3, "id-2", "Agent-2", MessageState.DELIVERED, "gui", false, null));
        assertEquals(List.of(), out, "nothing until every copy has an outcome");
        follower.accept(copy(4, "id-3", "Agent-3", MessageState.DEAD, null, null, "window not found"));
        follower.accept(copy(5, "id-1", "Agent-1", MessageState.READ, null, null, null));

        assertEquals(
                List.of("@mod → 3 agents: 1 delivered (inbox, verified), 1 delivered (gui, unverified); "
                        + "Agent-3 dead: window not found · #77ab"),
                out.stream().map(OutgoingChat::text).toList());
        assertEquals("chat-1", out.get(0).replyTo());
        follower.accept(copy(6, "id-2", "Agent-2", MessageState.READ, null, null, null));
        assertEquals(1, out.size(), "one summary, nothing more");
        assertEquals(0, follower.followedCount(), "every copy final (read, dead): no longer followed");
    }
}
