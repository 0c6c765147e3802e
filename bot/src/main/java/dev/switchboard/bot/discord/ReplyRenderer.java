package dev.switchboard.bot.discord;

import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.snapshot.Attachment;
import java.util.ArrayList;
import java.util.List;

/**
 * How a platform-neutral {@link Reply} looks in Discord. A one-line answer is a plain message with a status
 * mark; an answer with details is an embed (title + one line per detail); one too long for an embed becomes
 * plain messages split at Discord's 2000 characters.
 */
final class ReplyRenderer {

    /** Text attachments up to this size are shown in the message as a code block; longer ones are uploaded. */
    static final int INLINE_TEXT = 1_500;

    /** What to send: either an embed, or one or more plain messages; {@code files} go with the first. */
    public record Rendered(EmbedSpec embed, List<String> texts, List<Attachment> files) {
        public Rendered {
            texts = texts == null ? List.of() : List.copyOf(texts);
            files = files == null ? List.of() : List.copyOf(files);
        }

        public Rendered(EmbedSpec embed, List<String> texts) {
            this(embed, texts, List.of());
        }

        public boolean isEmbed() {
            return embed != null;
        }
    }

    private ReplyRenderer() {}

    public static Rendered render(Reply reply) {
        return render(reply, List.of());
    }

    /**
     * @param progress one line per queued message with its current state; it replaces the reply's own line
     *                 about that message ("#3f2a → Agent-2"), other lines (warnings) stay
     */
    public static Rendered render(Reply reply, List<String> progress) {
        return render(reply, reply.title(), progress);
    }

    /** As {@link #render(Reply, List)}, with a title that says where the request is now. */
    public static Rendered render(Reply reply, String currentTitle, List<String> progress) {
        String title = mark(reply.status()) + currentTitle;
        List<String> lines = new ArrayList<>(progress.isEmpty() ? reply.lines() : notes(reply));
        lines.addAll(progress);
        List<Attachment> files = new ArrayList<>();
        for (Attachment a : reply.attachments()) {
            if (a.isText() && a.text().length() <= INLINE_TEXT && !a.text().contains("```")) {
                lines.add("```\n" + a.text() + "\n```");
            } else {
                files.add(a);
            }
        }
        Rendered plain = renderLines(reply, title, lines);
        return new Rendered(plain.embed(), plain.texts(), files);
    }

    private static Rendered renderLines(Reply reply, String title, List<String> lines) {
        if (lines.isEmpty() && title.length() <= MessageSplitter.DISCORD_LIMIT) {
            return new Rendered(null, List.of(title));
        }
        String description = reply.status() == Reply.Status.USAGE
                ? "```\n" + String.join("\n", lines) + "\n```"
                : String.join("\n", lines);
        if (title.length() <= EmbedSpec.MAX_TITLE && description.length() <= EmbedSpec.MAX_DESCRIPTION) {
            return new Rendered(new EmbedSpec(title, description, color(reply.status()), null), List.of());
        }
        return new Rendered(null, MessageSplitter.split(title + "\n" + description));
    }

    /**
     * The reply's lines that are not about one of its queued messages ("paused: Agent-6 — held until resumed"):
     * worth telling even when reactions show the messages' states.
     */
    public static List<String> notes(Reply reply) {
        List<String> shortIds = reply.messageIds().stream()
                .map(id -> "#" + MessageIds.shortForm(id) + " ")
                .toList();
        return reply.lines().stream()
                .filter(l -> shortIds.stream().noneMatch(l::startsWith))
                .toList();
    }

    /** One line for a denial or error reply to a chat message. */
    public static String oneLine(Reply reply) {
        return mark(reply.status()) + reply.title();
    }

    static String mark(Reply.Status status) {
        return switch (status) {
            case OK -> "";
            case ERROR -> "❌ ";
            case DENIED -> "⛔ ";
            case USAGE -> "ℹ️ ";
        };
    }

    static int color(Reply.Status status) {
        return switch (status) {
            case OK -> EmbedSpec.OK;
            case ERROR -> EmbedSpec.ERROR;
            case DENIED -> EmbedSpec.DENIED;
            case USAGE -> EmbedSpec.INFO;
        };
    }
}
