package dev.switchboard.bot.twitch;

import dev.switchboard.commands.answers.AnswerSink;
import dev.switchboard.core.answers.Answer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Agents' answers in Twitch chat: a reply (Twitch's reply thread) to the chat message that asked, on one line
 * and shortened to {@link ReplyText#MAX_PARTS} chat messages. Completes when the lines are in the paced
 * outbox; a full outbox refuses and the answer is tried again later.
 */
final class TwitchAnswers implements AnswerSink {
    private final ChatOutbox outbox;

    TwitchAnswers(ChatOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "twitch";
    }

    @Override
    public CompletableFuture<Void> post(Answer answer) {
        if (answer.origin() == null || answer.origin().channelId() == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no channel to answer in"));
        }
        for (String part : lines(answer)) {
            if (!outbox.offer(new OutgoingChat(
                    answer.origin().channelId(), part, answer.origin().messageId(), false))) {
                return CompletableFuture.failedFuture(new IllegalStateException("the chat outbox is full"));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** "💬 Agent-2 answered — …" on one line, at most three chat messages, the last ending in … when cut. */
    static List<String> lines(Answer answer) {
        return ReplyText.render("💬 " + answer.agent() + " answered", List.of(answer.body()));
    }
}
