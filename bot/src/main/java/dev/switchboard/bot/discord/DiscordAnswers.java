package dev.switchboard.bot.discord;

import dev.switchboard.commands.answers.AnswerSink;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/**
 * Agents' answers in Discord: a reply to the message that asked, in its channel or thread, or a post in the
 * status channel when the answer answers nothing (and for notices). Completes only when Discord took every
 * part, so an answer posted while Discord is unreachable waits and is tried again. Pings nobody.
 */
final class DiscordAnswers implements AnswerSink {
    private final JDA jda;
    private final String statusChannel;

    DiscordAnswers(JDA jda, String statusChannel) {
        this.jda = jda;
        this.statusChannel = statusChannel;
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public CompletableFuture<Void> post(Answer answer) {
        boolean toStatus = answer.destination() == Destination.STATUS || answer.origin() == null;
        String channelId = toStatus
                ? statusChannel
                : answer.origin().threadId() != null
                        ? answer.origin().threadId()
                        : answer.origin().channelId();
        if (channelId == null || channelId.isBlank()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no channel to post in"));
        }
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "channel " + channelId + " is not visible (Discord " + jda.getStatus() + ")"));
        }
        String replyTo = toStatus ? null : answer.origin().messageId();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        boolean first = true;
        for (String part : MessageSplitter.split(text(answer))) {
            MessageCreateAction action = channel.sendMessage(new MessageCreateBuilder()
                    .setContent(part)
                    .setAllowedMentions(List.of())
                    .build());
            if (first && replyTo != null) {
                action = action.setMessageReference(replyTo)
                        .mentionRepliedUser(false)
                        .failOnInvalidReply(false);
            }
            first = false;
            // JDA sends the requests of one channel route in order, so the parts appear in order
            sent.add(action.submit());
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** "💬 **Agent-2** answered:" and the text; a notice as it is. */
    static String text(Answer answer) {
        if (answer.kind() == Answer.Kind.NOTICE) {
            return answer.body();
        }
        return "💬 **" + answer.agent() + "** answered:\n" + answer.body().strip();
    }
}
