package dev.switchboard.bot.discord;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.events.StatusEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * What happens to a chat command and a slash command, without JDA: run it, show the answer, and follow the
 * messages it queued on the bus. The views are thin JDA adapters (reactions and replies on a chat message;
 * edits of a slash command's deferred reply).
 */
public final class RequestFlows {

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
    private final StatusTracker tracker;
    private final ReplyThrottle throttle;

    public RequestFlows(ChatCommands commands, StatusTracker tracker, ReplyThrottle throttle) {
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
                view.reply(new ReplyRenderer.Rendered(null,
                        MessageSplitter.split("ℹ️ " + String.join("\n", notes))));
            }
            RequestProgress progress = new RequestProgress(reply.messageIds(), StatusEmoji.QUEUED);
            tracker.track(progress.ids(), event -> onChatEvent(progress, event, view));
        } else if (reply.isOk()) {
            view.reply(ReplyRenderer.render(reply));
        } else {
            view.react(StatusEmoji.FAILED);
            if (throttle.tryReply(caller.sender().userId())) {
                view.reply(reply.status() == Reply.Status.USAGE ? ReplyRenderer.render(reply)
                        : new ReplyRenderer.Rendered(null, MessageSplitter.split(ReplyRenderer.oneLine(reply))));
            }
        }
    }

    private void onChatEvent(RequestProgress progress, StatusEvent event, ChatView view) {
        if (!progress.apply(event)) {
            return;
        }
        progress.emojiChange().ifPresent(view::react);
        List<String> failures = progress.unexplainedFailures();
        if (!failures.isEmpty()) {
            view.reply(new ReplyRenderer.Rendered(null,
                    MessageSplitter.split(StatusEmoji.FAILED + " " + String.join("\n", failures))));
        }
        untrackIfFinished(progress);
    }

    /** Runs pre-split arguments and keeps the reply showing the queued messages' current states. */
    public void slash(List<String> args, Caller caller, SlashView view) {
        Reply reply = commands.execute(args, caller);
        if (!reply.isOk() || reply.messageIds().isEmpty()) {
            view.show(ReplyRenderer.render(reply));
            return;
        }
        RequestProgress progress = new RequestProgress(reply.messageIds(), StatusEmoji.QUEUED);
        view.show(ReplyRenderer.render(reply, progress.lines()));
        Consumer<StatusEvent> onEvent = event -> {
            if (progress.apply(event)) {
                view.show(ReplyRenderer.render(reply, progress.lines()));
                untrackIfFinished(progress);
            }
        };
        tracker.track(progress.ids(), onEvent);
    }

    private void untrackIfFinished(RequestProgress progress) {
        if (progress.finished()) {
            tracker.untrack(progress.ids());
        }
    }
}
