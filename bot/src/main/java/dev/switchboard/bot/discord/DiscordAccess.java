package dev.switchboard.bot.discord;

import dev.switchboard.config.AccessList;
import dev.switchboard.config.DiscordConfig;
import dev.switchboard.core.message.Role;
import java.util.Collection;
import java.util.Objects;

/**
 * Who may do what on Discord, from {@code discord.admins} and {@code discord.operators} (role ids and user ids).
 * When no admin is configured, members with Discord's Administrator permission are admins, so a fresh install is
 * usable by the server's owners and nobody else. Everyone else is a viewer: read-only commands, nothing queued.
 */
final class DiscordAccess {
    private final AccessList admins;
    private final AccessList operators;

    public DiscordAccess(DiscordConfig config) {
        this.admins = config.admins();
        this.operators = config.operators();
    }

    /**
     * @param userId        the member's user id
     * @param roleIds       ids of the guild roles the member holds
     * @param administrator whether the member has Discord's Administrator permission
     */
    public Role roleOf(String userId, Collection<String> roleIds, boolean administrator) {
        Objects.requireNonNull(userId, "userId");
        if (listed(admins, userId, roleIds) || (admins.isEmpty() && administrator)) {
            return Role.ADMIN;
        }
        if (listed(operators, userId, roleIds)) {
            return Role.OPERATOR;
        }
        return Role.VIEWER;
    }

    private static boolean listed(AccessList list, String userId, Collection<String> roleIds) {
        return list.users().contains(userId) || roleIds.stream().anyMatch(list.roles()::contains);
    }
}
