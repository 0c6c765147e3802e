package dev.switchboard.bot.discord.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord API objects as the fake sends them: only the fields JDA 6 needs, in Discord's own shape
 * (the "Facts already checked" of issue 4 list the non-obvious ones).
 */
final class DiscordJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DISCORD_EPOCH = 1420070400000L;

    /** Permission bits, as Discord numbers them. */
    static final long ADMINISTRATOR = 1L << 3;

    static final long ADD_REACTIONS = 1L << 6;
    static final long VIEW_CHANNEL = 1L << 10;
    static final long SEND_MESSAGES = 1L << 11;
    static final long EMBED_LINKS = 1L << 14;
    static final long READ_MESSAGE_HISTORY = 1L << 16;
    static final long USE_APPLICATION_COMMANDS = 1L << 31;
    static final long EVERYONE_PERMISSIONS =
            VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | ADD_REACTIONS | USE_APPLICATION_COMMANDS;
    static final long BOT_PERMISSIONS = EVERYONE_PERMISSIONS | EMBED_LINKS;

    private final AtomicLong snowflakes = new AtomicLong((System.currentTimeMillis() - DISCORD_EPOCH) << 22);

    /** A fresh id, time-ordered like Discord's. */
    long nextId() {
        return snowflakes.incrementAndGet();
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode user(long id, String name, boolean bot) {
        ObjectNode u = object();
        u.put("id", Long.toString(id));
        u.put("username", name);
        u.put("global_name", name);
        u.put("discriminator", "0");
        u.putNull("avatar");
        u.put("bot", bot);
        u.put("public_flags", 0);
        return u;
    }

    static ObjectNode member(FakeMember m, boolean bot) {
        ObjectNode j = object();
        j.set("user", user(m.id(), m.name(), bot));
        ArrayNode roles = j.putArray("roles");
        m.roleIds().forEach(r -> roles.add(Long.toString(r)));
        j.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        j.put("deaf", false);
        j.put("mute", false);
        j.put("flags", 0);
        j.put("pending", false);
        j.putNull("nick");
        j.putNull("avatar");
        return j;
    }

    static ObjectNode role(long id, String name, long permissions, int position) {
        ObjectNode r = object();
        r.put("id", Long.toString(id));
        r.put("name", name);
        r.put("permissions", Long.toString(permissions));
        r.put("position", position);
        r.put("color", 0);
        r.put("hoist", false);
        r.put("managed", false);
        r.put("mentionable", false);
        r.put("flags", 0);
        return r;
    }

    static ObjectNode textChannel(long id, long guildId, String name, int position) {
        ObjectNode c = object();
        c.put("id", Long.toString(id));
        c.put("type", 0);
        c.put("guild_id", Long.toString(guildId));
        c.put("name", name);
        c.put("position", position);
        c.putArray("permission_overwrites");
        c.putNull("parent_id");
        c.putNull("topic");
        c.put("nsfw", false);
        c.putNull("last_message_id");
        c.put("rate_limit_per_user", 0);
        c.put("flags", 0);
        return c;
    }

    static ObjectNode guild(
            long guildId, long ownerId, List<ObjectNode> roles, List<ObjectNode> channels, List<ObjectNode> members) {
        ObjectNode g = object();
        g.put("id", Long.toString(guildId));
        g.put("name", "Switchboard test guild");
        g.putNull("icon");
        g.putNull("splash");
        g.putNull("discovery_splash");
        g.putNull("banner");
        g.putNull("description");
        g.putNull("vanity_url_code");
        g.put("owner_id", Long.toString(ownerId));
        g.putNull("afk_channel_id");
        g.put("afk_timeout", 300);
        g.putNull("system_channel_id");
        g.putNull("rules_channel_id");
        g.put("verification_level", 0);
        g.put("default_message_notifications", 0);
        g.put("explicit_content_filter", 0);
        g.put("mfa_level", 0);
        g.put("nsfw_level", 0);
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("preferred_locale", "en-US");
        g.put("max_members", 500000);
        g.put("member_count", members.size());
        g.put("large", false);
        g.put("unavailable", false);
        g.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        g.putArray("features");
        g.putArray("roles").addAll(roles);
        g.putArray("channels").addAll(channels);
        g.putArray("members").addAll(members);
        for (String empty : List.of(
                "threads",
                "guild_scheduled_events",
                "emojis",
                "stickers",
                "voice_states",
                "presences",
                "stage_instances",
                "soundboard_sounds")) {
            g.putArray(empty);
        }
        return g;
    }

    static ObjectNode message(
            long id, long channelId, long guildId, ObjectNode author, ObjectNode member, String content) {
        ObjectNode m = object();
        m.put("id", Long.toString(id));
        m.put("channel_id", Long.toString(channelId));
        m.put("guild_id", Long.toString(guildId));
        m.set("author", author);
        if (member != null) {
            ObjectNode partial = member.deepCopy();
            partial.remove("user");
            m.set("member", partial);
        }
        m.put("content", content == null ? "" : content);
        m.put("timestamp", now());
        m.putNull("edited_timestamp");
        m.put("tts", false);
        m.put("mention_everyone", false);
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("attachments");
        m.putArray("embeds");
        m.putArray("components");
        m.put("pinned", false);
        m.put("type", 0);
        m.put("flags", 0);
        return m;
    }
}
