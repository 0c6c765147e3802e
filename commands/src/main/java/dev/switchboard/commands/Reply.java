package dev.switchboard.commands;

import dev.switchboard.core.snapshot.Attachment;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's answer, for any platform: Discord renders an embed, Twitch one line, the console text.
 *
 * @param status     how it went
 * @param title      one line that says it all ("queued #3f2a for Agent-2")
 * @param lines      details, one per line (may be empty)
 * @param messageIds ids of messages this command queued; front-ends follow them on the event bus
 * @param attachments files that go with the answer (a snapshot's picture or texts); each front-end shows them its
 *                    own way
 */
public record Reply(
        Status status, String title, List<String> lines, List<String> messageIds, List<Attachment> attachments) {
    public enum Status {
        OK,
        /** The request was understood but could not be done (unknown agent, rate limited, bad id ...). */
        ERROR,
        /** The caller may not do this. */
        DENIED,
        /** The command line was malformed; {@link #lines()} hold the usage. */
        USAGE
    }

    public Reply {
        lines = lines == null ? List.of() : List.copyOf(lines);
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A reply without attachments (most commands). */
    public Reply(Status status, String title, List<String> lines, List<String> messageIds) {
        this(status, title, lines, messageIds, List.of());
    }

    public static Reply ok(String title, List<String> lines, List<Attachment> attachments) {
        return new Reply(Status.OK, title, lines, List.of(), attachments);
    }

    public static Reply ok(String title, List<String> lines) {
        return new Reply(Status.OK, title, lines, List.of());
    }

    public static Reply ok(String title) {
        return ok(title, List.of());
    }

    public static Reply error(String title) {
        return new Reply(Status.ERROR, title, List.of(), List.of());
    }

    public static Reply denied(String title) {
        return new Reply(Status.DENIED, title, List.of(), List.of());
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    /** Title and lines as plain text. */
    public String text() {
        List<String> all = new ArrayList<>();
        all.add(title);
        all.addAll(lines);
        return String.join("\n", all);
    }
}
