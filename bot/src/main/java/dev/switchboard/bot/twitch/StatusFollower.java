package dev.switchboard.bot.twitch;

import dev.switchboard.commands.track.RequestProgress;
import dev.switchboard.commands.track.RequestTracker;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.Platform;
import java.util.List;
import java.util.function.Consumer;

/**
 * Renders, as replies to a chat command, what the shared {@link RequestTracker} reports about the messages it
 * queued: one short line per state change worth saying, and for a broadcast one summary line once every copy
 * has an outcome (eight agents would otherwise cost eight of the channel's twenty messages per half minute).
 * Runs on the event bus's thread: only a queue offer here.
 */
final class StatusFollower implements Consumer<StatusEvent> {
    /** Where a message's status goes. */
    public record Target(String channel, String replyTo, String mention) {}

    private static final int MAX_FOLLOWED = 2000;

    private final Consumer<OutgoingChat> out;
    private final RequestTracker tracker =
            new RequestTracker(e -> e.origin() != null && e.origin().platform() == Platform.TWITCH, MAX_FOLLOWED);

    public StatusFollower(Consumer<OutgoingChat> out) {
        this.out = out;
    }

    @Override
    public void accept(StatusEvent event) {
        tracker.accept(event);
    }

    /** Follows the messages one command queued; reports what already happened to them. */
    public void followBroadcast(List<String> messageIds, Target target) {
        if (messageIds.size() == 1) {
            follow(messageIds.get(0), target);
            return;
        }
        boolean[] said = {false}; // touched only under the request's lock
        tracker.track(messageIds, (progress, event) -> {
            if (!said[0] && progress.allHaveOutcome()) {
                said[0] = true;
                say(
                        target,
                        "@" + target.mention() + " → " + progress.ids().size() + " agents: " + progress.summary()
                                + " · #" + MessageIds.shortForm(event.correlationId()));
            }
        });
    }

    /** Follows one message: a line for each state change worth saying. */
    public void follow(String messageId, Target target) {
        tracker.track(List.of(messageId), (RequestProgress progress, StatusEvent event) -> {
            if (StatusLine.reported(event)) {
                say(target, StatusLine.render(target.mention(), event));
            }
        });
    }

    int followedCount() {
        return tracker.trackedCount();
    }

    private void say(Target target, String text) {
        for (String part : ChatText.split(text)) {
            out.accept(new OutgoingChat(target.channel(), part, target.replyTo(), false));
        }
    }
}
