package dev.switchboard.bot.discord.fake;

import java.util.List;

/**
 * A member of the fake guild.
 *
 * @param id            user id (snowflake)
 * @param name          username
 * @param roleIds       guild roles held (besides {@code @everyone})
 */
public record FakeMember(long id, String name, List<Long> roleIds) {
    public FakeMember {
        roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
    }

    public static FakeMember of(long id, String name, Long... roles) {
        return new FakeMember(id, name, List.of(roles));
    }
}
