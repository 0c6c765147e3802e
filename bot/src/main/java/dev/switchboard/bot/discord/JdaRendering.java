package dev.switchboard.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Turns rendered replies into JDA messages. Every message the bot sends mentions nobody: texts echo what users
 * typed, and an echoed {@code @everyone} must not ping a server.
 */
final class JdaRendering {
    private JdaRendering() {}

    static MessageEmbed embed(EmbedSpec spec) {
        EmbedBuilder b = new EmbedBuilder().setTitle(spec.title()).setColor(spec.color());
        if (spec.description() != null && !spec.description().isEmpty()) {
            b.setDescription(spec.description());
        }
        if (spec.footer() != null) {
            b.setFooter(spec.footer());
        }
        return b.build();
    }

    /** The messages to send for a reply: one embed, or one message per text part. */
    static List<MessageCreateData> create(ReplyRenderer.Rendered rendered) {
        if (rendered.isEmbed()) {
            return List.of(new MessageCreateBuilder()
                    .setEmbeds(embed(rendered.embed()))
                    .setAllowedMentions(List.of())
                    .setFiles(uploads(rendered))
                    .build());
        }
        List<MessageCreateData> out = new java.util.ArrayList<>();
        for (String t : rendered.texts()) {
            MessageCreateBuilder b = new MessageCreateBuilder().setContent(t).setAllowedMentions(List.of());
            if (out.isEmpty()) {
                b.setFiles(uploads(rendered));
            }
            out.add(b.build());
        }
        return out;
    }

    /** Pictures and long texts as files of the message (Discord shows PNGs inline). */
    static List<FileUpload> uploads(ReplyRenderer.Rendered rendered) {
        return rendered.files().stream()
                .map(f -> FileUpload.fromData(f.content(), f.fileName()))
                .toList();
    }

    /** An edit of a slash command's reply: its first part (an embed always fits; text is split to 2000). */
    static MessageEditData edit(ReplyRenderer.Rendered rendered) {
        MessageEditBuilder b = new MessageEditBuilder().setAllowedMentions(List.of());
        if (!rendered.files().isEmpty()) {
            b.setFiles(uploads(rendered));
        }
        if (rendered.isEmbed()) {
            return b.setContent(null).setEmbeds(embed(rendered.embed())).build();
        }
        return b.setContent(rendered.texts().get(0)).setEmbeds(List.of()).build();
    }
}
