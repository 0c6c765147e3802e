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

        assertEquals(List.of("@mod → Agent-2: delivered (inbox, verified) · #aaaa", "@mod → Agent-2: read · #aaaa"),
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
        assertEquals(List.of("@mod → Agent-2: retry wait: busy · #bbbb"), out.stream().map(OutgoingChat::text).toList());
    }
}
