package dev.switchboard.bot.twitch;

import dev.switchboard.core.message.Role;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what in Twitch chat: the broadcaster owns the channel and is admin (every {@code !queue} command);
 * the channel's moderators and the configured logins are operators (they may message agents and list the
 * queue); everyone else is a viewer (read-only commands).
 */
final class TwitchRoles {
    private final Set<String> operators;

    public TwitchRoles(Collection<String> operatorLogins) {
        this.operators = operatorLogins.stream().map(TwitchRoles::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public Role resolve(IncomingChat chat) {
        if (chat.broadcaster()) {
            return Role.ADMIN;
        }
        if (chat.moderator() || operators.contains(normalise(chat.login()))) {
            return Role.OPERATOR;
        }
        return Role.VIEWER;
    }

    private static String normalise(String login) {
        String l = login.strip().toLowerCase(Locale.ROOT);
        return l.startsWith("@") ? l.substring(1) : l;
    }
}
