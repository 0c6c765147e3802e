package dev.switchboard.bot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A local Discord for tests: REST ({@link FakeRest}) and gateway ({@link FakeGateway}) on 127.0.0.1, one guild
 * with a command channel, a status channel and the members a test adds. The real JDA client logs in to it.
 * Tests act as users ({@link #postMessage}, {@link #slashCommand}, {@link #autocomplete}) and check what the bot
 * did through the recorded REST calls ({@link #await}).
 */
public final class FakeDiscord implements AutoCloseable {
    public static final long GUILD_ID = 900000000000000001L;
    public static final long APP_ID = 900000000000000002L;
    public static final long BOT_ID = APP_ID;
    public static final String BOT_NAME = "switchboard-bot";
    public static final long CHANNEL_ID = 900000000000000010L;
    public static final long STATUS_CHANNEL_ID = 900000000000000011L;
    public static final long OTHER_CHANNEL_ID = 900000000000000012L;
    /** A role with the Administrator permission. */
    public static final long ADMIN_ROLE_ID = 900000000000000020L;
    /** A role with no special permission (for allowlists by role id). */
    public static final long OPERATOR_ROLE_ID = 900000000000000021L;

    public static final long BOT_ROLE_ID = 900000000000000022L;
    public static final long OWNER_ID = 900000000000000030L;

    private final DiscordJson json = new DiscordJson();
    private final Map<Long, FakeMember> members = new LinkedHashMap<>();
    private final Map<String, Long> commandIds = new LinkedHashMap<>();
    private final List<JsonNode> commands = new ArrayList<>();
    private final FakeRest rest;
    private final FakeGateway gateway;
    private volatile String token;

    public FakeDiscord() throws IOException {
        members.put(BOT_ID, FakeMember.of(BOT_ID, BOT_NAME, BOT_ROLE_ID));
        members.put(OWNER_ID, FakeMember.of(OWNER_ID, "owner"));
        this.rest = new FakeRest(this);
        this.gateway = new FakeGateway(this::readyData, this::guildData);
    }

    /** Adds a member; call before the client connects (the guild is sent once, at READY). */
    public synchronized FakeDiscord addMember(FakeMember member) {
        members.put(member.id(), member);
        return this;
    }

    /** From now on REST answers 401 to any other token, as Discord does. */
    public FakeDiscord requireToken(String botToken) {
        this.token = botToken;
        return this;
    }

    String token() {
        return token;
    }

    public FakeDiscord start() throws InterruptedException {
        rest.start();
        gateway.startAndWait();
        return this;
    }

    /** REST base URL, as JDA's {@code RestConfig.setBaseUrl} wants it. */
    public String apiUrl() {
        return rest.baseUrl();
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    /** A member writes in a channel. @return the new message's id */
    public long postMessage(long channelId, long userId, String content) {
        long id = json.nextId();
        FakeMember m = member(userId);
        gateway.dispatch(
                "MESSAGE_CREATE",
                DiscordJson.message(
                        id,
                        channelId,
                        GUILD_ID,
                        DiscordJson.user(m.id(), m.name(), false),
                        DiscordJson.member(m, false),
                        content));
        return id;
    }

    /**
     * A member runs a slash command. {@code options} is Discord's option array (see {@link #option},
     * {@link #subcommand}). @return the interaction id (the path of its callback)
     */
    public long slashCommand(long userId, String name, ArrayNode options) {
        return interaction(2, userId, name, options);
    }

    /** Discord asks for autocomplete choices while a member types an option. @return the interaction id */
    public long autocomplete(long userId, String name, ArrayNode options) {
        return interaction(4, userId, name, options);
    }

    public static ArrayNode options(ObjectNode... opts) {
        ArrayNode a = DiscordJson.MAPPER.createArrayNode();
        for (ObjectNode o : opts) {
            a.add(o);
        }
        return a;
    }

    /** A string option (type 3); {@code focused} marks the one being autocompleted. */
    public static ObjectNode option(String name, String value, boolean focused) {
        ObjectNode o = DiscordJson.object();
        o.put("name", name);
        o.put("type", 3);
        o.put("value", value);
        if (focused) {
            o.put("focused", true);
        }
        return o;
    }

    public static ObjectNode subcommand(String name, ObjectNode... opts) {
        ObjectNode o = DiscordJson.object();
        o.put("name", name);
        o.put("type", 1);
        o.set("options", options(opts));
        return o;
    }

    /** Simulates a network failure on the gateway; JDA should resume. */
    public void dropConnection() {
        gateway.dropConnection();
    }

    /** Gateway op 7: Discord asks the client to reconnect. */
    public void requestReconnect() {
        gateway.requestReconnect();
    }

    public int identifies() {
        return gateway.identifies();
    }

    public int resumes() {
        return gateway.resumes();
    }

    /** Waits until the client has resumed {@code count} times in all. */
    public void awaitResumes(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (gateway.resumes() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("client resumed " + gateway.resumes() + " times, expected " + count);
            }
            Thread.sleep(10);
        }
    }

    public List<RestCall> calls() {
        return rest.calls();
    }

    public RestCall await(Predicate<RestCall> match, Duration timeout, String what) throws InterruptedException {
        return rest.await(match, timeout, what);
    }

    public List<RestCall> awaitCount(Predicate<RestCall> match, int count, Duration timeout, String what)
            throws InterruptedException {
        return rest.awaitCount(match, count, timeout, what);
    }

    /** Slash commands the bot registered for the guild, as Discord stores them. */
    public synchronized List<JsonNode> registeredCommands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() throws InterruptedException {
        rest.stop();
        gateway.stop(1000);
    }

    // --- called by FakeRest -------------------------------------------------------------------------------

    synchronized JsonNode registerCommands(String method, JsonNode body) {
        if (method.equals("PUT")) {
            commands.clear();
            for (JsonNode c : body) {
                ObjectNode stored = ((ObjectNode) c).deepCopy();
                long id = commandIds.computeIfAbsent(c.path("name").asText(), n -> json.nextId());
                stored.put("id", Long.toString(id));
                stored.put("application_id", Long.toString(APP_ID));
                stored.put("guild_id", Long.toString(GUILD_ID));
                stored.put("version", Long.toString(id));
                if (!stored.has("type")) {
                    stored.put("type", 1);
                }
                commands.add(stored);
            }
        }
        ArrayNode out = DiscordJson.MAPPER.createArrayNode();
        commands.forEach(out::add);
        return out;
    }

    /** A message the bot created (channel message, interaction followup or edit), echoed as Discord does. */
    ObjectNode botMessage(long channelId, JsonNode body) {
        long id = json.nextId();
        ObjectNode msg = DiscordJson.message(
                id,
                channelId,
                GUILD_ID,
                DiscordJson.user(BOT_ID, BOT_NAME, true),
                null,
                body.path("content").asText(""));
        if (body.has("embeds")) {
            ArrayNode embeds = msg.putArray("embeds");
            for (JsonNode e : body.get("embeds")) {
                ObjectNode echoed = ((ObjectNode) e).deepCopy();
                if (!echoed.has("type")) {
                    echoed.put("type", "rich"); // Discord types every embed it stores
                }
                embeds.add(echoed);
            }
        }
        if (body.has("message_reference")) {
            msg.set("message_reference", body.get("message_reference"));
        }
        return msg;
    }

    // --- payloads -----------------------------------------------------------------------------------------

    private synchronized FakeMember member(long userId) {
        FakeMember m = members.get(userId);
        if (m == null) {
            throw new IllegalArgumentException("no member " + userId + " in the fake guild; addMember first");
        }
        return m;
    }

    private long interaction(int type, long userId, String name, ArrayNode options) {
        long id = json.nextId();
        FakeMember m = member(userId);
        ObjectNode d = DiscordJson.object();
        d.put("id", Long.toString(id));
        d.put("application_id", Long.toString(APP_ID));
        d.put("type", type);
        d.put("token", "interaction-token-" + id);
        d.put("version", 1);
        d.put("guild_id", Long.toString(GUILD_ID));
        ObjectNode guild = d.putObject("guild");
        guild.put("id", Long.toString(GUILD_ID));
        guild.put("locale", "en-US");
        guild.putArray("features");
        d.put("channel_id", Long.toString(CHANNEL_ID));
        d.set("channel", DiscordJson.textChannel(CHANNEL_ID, GUILD_ID, "agents", 0));
        ObjectNode member = DiscordJson.member(m, false);
        member.put("permissions", Long.toString(permissionsOf(m)));
        d.set("member", member);
        d.put("locale", "en-US");
        d.put("guild_locale", "en-US");
        d.put("app_permissions", Long.toString(DiscordJson.BOT_PERMISSIONS));
        d.putArray("entitlements");
        d.putObject("authorizing_integration_owners").put("0", Long.toString(GUILD_ID));
        d.put("context", 0);
        ObjectNode data = d.putObject("data");
        Long commandId;
        synchronized (this) {
            commandId = commandIds.get(name);
        }
        data.put("id", Long.toString(commandId == null ? json.nextId() : commandId));
        data.put("name", name);
        data.put("type", 1);
        data.put("guild_id", Long.toString(GUILD_ID));
        data.set("options", options == null ? DiscordJson.MAPPER.createArrayNode() : options);
        gateway.dispatch("INTERACTION_CREATE", d);
        return id;
    }

    private static long permissionsOf(FakeMember m) {
        long p = DiscordJson.EVERYONE_PERMISSIONS;
        if (m.roleIds().contains(ADMIN_ROLE_ID)) {
            p |= DiscordJson.ADMINISTRATOR;
        }
        return p;
    }

    private ObjectNode readyData() {
        ObjectNode d = DiscordJson.object();
        d.put("v", 10);
        d.set("user", DiscordJson.user(BOT_ID, BOT_NAME, true));
        ObjectNode app = d.putObject("application");
        app.put("id", Long.toString(APP_ID));
        app.put("flags", 0);
        ObjectNode g = d.putArray("guilds").addObject();
        g.put("id", Long.toString(GUILD_ID));
        g.put("unavailable", true);
        d.putArray("private_channels");
        d.putArray("relationships");
        return d;
    }

    private synchronized ObjectNode guildData() {
        List<ObjectNode> roles = List.of(
                DiscordJson.role(GUILD_ID, "@everyone", DiscordJson.EVERYONE_PERMISSIONS, 0),
                DiscordJson.role(OPERATOR_ROLE_ID, "operators", 0, 1),
                DiscordJson.role(ADMIN_ROLE_ID, "admins", DiscordJson.ADMINISTRATOR, 2),
                DiscordJson.role(BOT_ROLE_ID, "switchboard", DiscordJson.BOT_PERMISSIONS, 3));
        List<ObjectNode> channels = List.of(
                DiscordJson.textChannel(CHANNEL_ID, GUILD_ID, "agents", 0),
                DiscordJson.textChannel(STATUS_CHANNEL_ID, GUILD_ID, "agent-status", 1),
                DiscordJson.textChannel(OTHER_CHANNEL_ID, GUILD_ID, "general", 2));
        List<ObjectNode> memberJson = members.values().stream()
                .map(m -> DiscordJson.member(m, m.id() == BOT_ID))
                .toList();
        return DiscordJson.guild(GUILD_ID, OWNER_ID, roles, channels, memberJson);
    }
}
