package dev.switchboard.bot.discord;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.track.RequestProgress;
import dev.switchboard.commands.track.RequestTracker;
import java.util.List;

/**
 * What happens to a chat command and a slash command, without JDA: run it, show the answer, and render what the
 * shared {@link RequestTracker} reports about the messages it queued. The views are thin JDA adapters (reactions
 * and replies on a chat message; edits of a slash command's deferred reply).
 */
final class RequestFlows {

    /** A chat message that asked something: the bot reacts on it and replies to it. */
    public interface ChatView {
        void react(String emoji);

        void reply(ReplyRenderer.Rendered reply);
    }

    /** A slash command's deferred reply: each call replaces what it shows. */
    public interface SlashView {
        void show(ReplyRenderer.Rendered reply);
    }

    private final ChatCommands commands;
    private final RequestTracker tracker;
    private final ReplyThrottle throttle;

    public RequestFlows(ChatCommands commands, RequestTracker tracker, ReplyThrottle throttle) {
        this.commands = commands;
        this.tracker = tracker;
        this.throttle = throttle;
    }

    /** {@code line} is the message without its prefix; multi-line text is passed on exactly. */
    public void chat(String line, Caller caller, ChatView view) {
        Reply reply = commands.executeChat(line, caller);
        if (reply.isOk() && !reply.messageIds().isEmpty()) {
            // the command returns only after the queue committed: the message is durably queued now
            view.react(StatusEmoji.QUEUED);
            List<String> notes = ReplyRenderer.notes(reply);
            if (!notes.isEmpty()) {
                view.reply(new ReplyRenderer.Rendered(null, MessageSplitter.split("ℹ️ " + String.join("\n", notes))));
            }
            String[] shown = {StatusEmoji.QUEUED}; // touched only under the request's lock, one event at a time
            tracker.track(reply.messageIds(), (progress, event) -> {
                String now = StatusEmoji.of(progress.stage());
                if (!now.equals(shown[0])) {
                    shown[0] = now;
                    view.react(now);
                }
                List<String> failures = progress.unexplainedFailures();
                if (!failures.isEmpty()) {
                    view.reply(new ReplyRenderer.Rendered(
                            null, MessageSplitter.split(StatusEmoji.FAILED + " " + String.join("\n", failures))));
                }
            });
        } else if (reply.isOk()) {
            view.reply(ReplyRenderer.render(reply));
        } else {
            view.react(StatusEmoji.FAILED);
            if (throttle.tryReply(caller.sender().userId())) {
                view.reply(
                        reply.status() == Reply.Status.USAGE
                                ? ReplyRenderer.render(reply)
                                : new ReplyRenderer.Rendered(
                                        null, MessageSplitter.split(ReplyRenderer.oneLine(reply))));
            }
        }
    }

    /**
     * Runs pre-split arguments and keeps the reply showing the queued messages' current states; its title follows
     * the state too ("#3f2a for Agent-2: read"), so it never keeps saying "queued".
     */
    public void slash(List<String> args, Caller caller, SlashView view) {
        Reply reply = commands.execute(args, caller);
        if (!reply.isOk() || reply.messageIds().isEmpty()) {
            view.show(ReplyRenderer.render(reply));
            return;
        }
        view.show(ReplyRenderer.render(reply, new RequestProgress(reply.messageIds()).lines()));
        tracker.track(
                reply.messageIds(),
                (progress, event) -> view.show(ReplyRenderer.render(reply, progress.headline(), progress.lines())));
    }
}
