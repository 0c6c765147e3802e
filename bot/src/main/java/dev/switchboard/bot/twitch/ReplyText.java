package dev.switchboard.bot.twitch;

import dev.switchboard.commands.Reply;
import java.util.ArrayList;
import java.util.List;

/** A command's {@link Reply} as Twitch chat messages: one line addressed to the caller, split at 500. */
final class ReplyText {
    /** Help and listings can be long; chat is not the place for more than this many messages per answer. */
    static final int MAX_PARTS = 3;

    private ReplyText() {}

    static List<String> render(String mention, Reply reply) {
        if (reply.attachments().isEmpty()) {
            return render(mention, reply.title(), reply.lines());
        }
        // chat carries no files: say where they can be seen instead of dropping them silently
        List<String> lines = new ArrayList<>(reply.lines());
        lines.add(reply.attachments().size() + " file(s) not shown in chat: see Discord, the console or the dashboard");
        return render(mention, reply.title(), lines);
    }

    static List<String> render(String mention, String title, List<String> lines) {
        return render("@" + mention + " " + (title == null ? "" : title.strip()), lines);
    }

    /** {@code head}, then each line joined on one line, split at 500 and cut after {@link #MAX_PARTS} messages. */
    static List<String> render(String head, List<String> lines) {
        StringBuilder b = new StringBuilder(head);
        String sep = " — ";
        for (String line : lines) {
            String l = ChatText.oneLine(line);
            if (!l.isEmpty()) {
                b.append(sep).append(l);
                sep = " · ";
            }
        }
        List<String> parts = ChatText.split(b.toString());
        if (parts.size() <= MAX_PARTS) {
            return parts;
        }
        List<String> kept = new ArrayList<>(parts.subList(0, MAX_PARTS));
        String last = kept.get(MAX_PARTS - 1);
        kept.set(
                MAX_PARTS - 1,
                (last.length() > ChatText.MAX_LENGTH - 1 ? last.substring(0, ChatText.MAX_LENGTH - 1) : last) + "…");
        return kept;
    }
}
