package dev.switchboard.bot.discord;

import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's one status reaction on a chat message, changed strictly in order: add the new emoji, then remove the
 * old one. JDA sends reaction adds and removes through different rate-limit buckets, so without the chain a
 * quick ✅ could land before 📥.
 */
final class ReactionChain {
    private static final Logger LOG = LoggerFactory.getLogger(ReactionChain.class);
    private final MessageChannel channel;
    private final long messageId;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private String shown;

    ReactionChain(MessageChannel channel, long messageId) {
        this.channel = channel;
        this.messageId = messageId;
    }

    synchronized void show(String emoji) {
        tail = tail.thenCompose(v -> swap(emoji)).exceptionally(e -> {
            LOG.warn("could not set reaction {} on message {}: {}", emoji, messageId, e.toString());
            return null;
        });
    }

    /** Completes when every change asked for so far was sent. */
    synchronized CompletableFuture<Void> done() {
        return tail;
    }

    private CompletableFuture<Void> swap(String emoji) {
        String previous = shown; // only touched inside the chain, one step at a time
        if (emoji.equals(previous)) {
            return CompletableFuture.completedFuture(null);
        }
        shown = emoji;
        CompletableFuture<Void> added =
                channel.addReactionById(messageId, Emoji.fromUnicode(emoji)).submit();
        if (previous == null) {
            return added;
        }
        return added.thenCompose(v -> channel.removeReactionById(messageId, Emoji.fromUnicode(previous))
                .submit());
    }
}
