package dev.switchboard.bot.twitch.fake;

/** Someone in chat, with the badges tmi would tag them with. */
public record ChatUser(String login, String userId, String displayName, boolean broadcaster, boolean moderator) {

    public static ChatUser viewer(String login, String userId) {
        return new ChatUser(login, userId, login, false, false);
    }

    public static ChatUser moderator(String login, String userId) {
        return new ChatUser(login, userId, login, false, true);
    }

    public static ChatUser broadcaster(String login, String userId) {
        return new ChatUser(login, userId, login, true, false);
    }

    String tags(String channel, String messageId) {
        String badges = broadcaster ? "broadcaster/1" : moderator ? "moderator/1" : "";
        return "@badge-info=;badges=" + badges + ";client-nonce=;color=#1E90FF;display-name="
                + IrcLine.escape(displayName) + ";emotes=;first-msg=0;flags=;id=" + messageId + ";mod="
                + (moderator ? 1 : 0) + ";returning-chatter=0;room-id=" + FakeTwitchChat.roomId(channel)
                + ";subscriber=0;tmi-sent-ts=" + System.currentTimeMillis() + ";turbo=0;user-id=" + userId
                + ";user-type=" + (moderator ? "mod" : "");
    }
}
