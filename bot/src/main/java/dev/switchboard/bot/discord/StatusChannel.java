package dev.switchboard.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured status channel ({@code discord.status_channel}); posts nothing when none is set. */
final class StatusChannel {
    private static final Logger LOG = LoggerFactory.getLogger(StatusChannel.class);
    private final JDA jda;
    private final String channelId;
    private volatile boolean warned;

    StatusChannel(JDA jda, String channelId) {
        this.jda = jda;
        this.channelId = channelId;
    }

    /** Posts text (split at 2000 characters), mentioning nobody. */
    void post(String text) {
        if (channelId == null || channelId.isBlank()) {
            return;
        }
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            if (jda.getStatus() != JDA.Status.CONNECTED) {
                LOG.info("not connected to Discord yet; a status post was dropped");
                return;
            }
            if (!warned) {
                warned = true;
                LOG.warn(
                        "discord.status_channel {} is not a text channel the bot can see; status posts are dropped",
                        channelId);
            }
            return;
        }
        for (String part : MessageSplitter.split(text)) {
            channel.sendMessage(new MessageCreateBuilder()
                            .setContent(part)
                            .setAllowedMentions(List.of())
                            .build())
                    .queue(null, e -> LOG.warn("could not post to the status channel: {}", e.toString()));
        }
    }
}
