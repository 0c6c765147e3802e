package dev.switchboard.bot.twitch.fake;

import java.util.Map;

/** A chat message the client sent, as the fake server received it. */
public record SentPrivmsg(long receivedNanos, Map<String, String> tags, String channel, String text) {
    /** The chat message it answers (Twitch reply tag), or null. */
    public String replyTo() {
        return tags.get("reply-parent-msg-id");
    }
}
