package dev.switchboard.bot.twitch;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows the messages a chat command queued and says, as a reply to that command, one line per state change
 * worth saying. Keeps the last few Twitch events, because a fast delivery (inbox) can finish before the command
 * returns the ids to follow. A broadcast's copies are followed together and summed up in one line
 * ({@link BroadcastStatus}). Runs on the event bus's thread: only bookkeeping and a queue offer here.
 */
public final class StatusFollower implements Consumer<StatusEvent> {
    /** Where a message's status goes. */
    public record Target(String channel, String replyTo, String mention) {
    }

    private static final int RECENT_EVENTS = 512;
    private static final int MAX_FOLLOWED = 2000;

    private final Consumer<OutgoingChat> out;
    private final ArrayDeque<StatusEvent> recent = new ArrayDeque<>();
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Map<String, Target> followed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Target> eldest) {
            boolean evict = size() > MAX_FOLLOWED;
            if (evict) {
                lastSeq.remove(eldest.getKey());
            }
            return evict;
        }
    };

    private final Map<String, Broadcast> broadcastOf = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Broadcast> eldest) {
            return size() > MAX_FOLLOWED;
        }
    };

    private record Broadcast(BroadcastStatus status, Target target) {
    }

    public StatusFollower(Consumer<OutgoingChat> out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(StatusEvent event) {
        if (event.origin() == null || event.origin().platform() != Platform.TWITCH) {
            return;
        }
        recent.addLast(event);
        if (recent.size() > RECENT_EVENTS) {
            recent.removeFirst();
        }
        Target target = followed.get(event.messageId());
        if (target != null) {
            say(target, event);
        }
        Broadcast broadcast = broadcastOf.get(event.messageId());
        if (broadcast != null) {
            record(broadcast, event);
        }
    }

    /** Follows the copies of one broadcast together: one line when every copy has an outcome. */
    public synchronized void followBroadcast(java.util.List<String> messageIds, Target target) {
        if (messageIds.size() == 1) {
            follow(messageIds.get(0), target);
            return;
        }
        Broadcast broadcast = new Broadcast(new BroadcastStatus(messageIds), target);
        for (String id : messageIds) {
            broadcastOf.put(id, broadcast);
        }
        for (StatusEvent e : recent) {
            if (broadcastOf.get(e.messageId()) == broadcast) {
                record(broadcast, e);
            }
        }
    }

    private void record(Broadcast broadcast, StatusEvent event) {
        if (broadcast.status().record(event)) {
            for (String part : ChatText.split(broadcast.status().render(broadcast.target().mention()))) {
                out.accept(new OutgoingChat(broadcast.target().channel(), part, broadcast.target().replyTo(), false));
            }
            broadcast.status().members().forEach(broadcastOf::remove);
        }
    }

    /** Starts following a message; reports what already happened to it. */
    public synchronized void follow(String messageId, Target target) {
        followed.put(messageId, target);
        for (StatusEvent e : recent) {
            if (e.messageId().equals(messageId)) {
                say(target, e);
            }
        }
    }

    synchronized int followedCount() {
        return followed.size() + broadcastOf.size();
    }

    private void say(Target target, StatusEvent event) {
        Long seen = lastSeq.get(event.messageId());
        if (seen != null && event.seq() <= seen) {
            return;
        }
        lastSeq.put(event.messageId(), event.seq());
        if (StatusLine.reported(event)) {
            for (String part : ChatText.split(StatusLine.render(target.mention(), event))) {
                out.accept(new OutgoingChat(target.channel(), part, target.replyTo(), false));
            }
        }
        if (event.to() == MessageState.READ || event.to() == MessageState.CANCELLED) {
            followed.remove(event.messageId());
            lastSeq.remove(event.messageId());
        }
    }
}
