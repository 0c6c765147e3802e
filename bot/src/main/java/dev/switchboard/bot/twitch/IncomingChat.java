package dev.switchboard.bot.twitch;

import java.util.Locale;
import java.util.Objects;

/**
 * One chat line as the bridge needs it, free of twitch4j types.
 *
 * @param channel     channel login, without {@code #}
 * @param messageId   the chat message's id (for the reply tag); null if the server sent none
 * @param userId      the sender's Twitch user id; their login when the server sent no id
 * @param login       the sender's login (lowercase)
 * @param displayName how chat shows them
 * @param broadcaster whether they own the channel
 * @param moderator   whether they moderate it
 * @param text        what they wrote
 */
record IncomingChat(
        String channel,
        String messageId,
        String userId,
        String login,
        String displayName,
        boolean broadcaster,
        boolean moderator,
        String text) {
    public IncomingChat {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(text, "text");
        login = login.toLowerCase(Locale.ROOT);
        userId = userId == null || userId.isBlank() ? login : userId;
        displayName = displayName == null || displayName.isBlank() ? login : displayName;
    }

    /** How to @-mention them: the display name when it is just their login's capitalisation, else the login. */
    public String mention() {
        return displayName.equalsIgnoreCase(login) ? displayName : login;
    }
}
