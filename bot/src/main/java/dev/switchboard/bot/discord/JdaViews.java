package dev.switchboard.bot.discord;

import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDA side of {@link RequestFlows}' views. */
final class JdaViews {
    private static final Logger LOG = LoggerFactory.getLogger(JdaViews.class);

    private JdaViews() {}

    /** Reactions on, and replies to, one chat message. */
    static RequestFlows.ChatView chat(MessageChannel channel, long messageId) {
        ReactionChain reactions = new ReactionChain(channel, messageId);
        return new RequestFlows.ChatView() {
            @Override
            public void react(String emoji) {
                reactions.show(emoji);
            }

            @Override
            public void reply(ReplyRenderer.Rendered reply) {
                for (var data : JdaRendering.create(reply)) {
                    channel.sendMessage(data)
                            .setMessageReference(messageId)
                            .mentionRepliedUser(false)
                            .failOnInvalidReply(false)
                            .queue(
                                    null,
                                    e -> LOG.warn("could not reply in channel {}: {}", channel.getId(), e.toString()));
                }
            }
        };
    }

    /** Edits of a slash command's deferred reply, newest state only, never overtaking each other. */
    static RequestFlows.SlashView slash(InteractionHook hook) {
        LatestOnly<ReplyRenderer.Rendered> edits =
                new LatestOnly<>(r -> hook.editOriginal(JdaRendering.edit(r)).submit());
        return edits::submit;
    }
}
