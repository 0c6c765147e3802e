package dev.switchboard.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks that a loaded config can run; each problem names its field path. */
final class ConfigValidator {
    /** Agent ids and aliases become folder names: no separators, no dots at the start, nothing exotic. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** A command name: what {@code #{pane_current_command}} prints for a program (its file name). */
    static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

    private ConfigValidator() {}

    static List<String> validate(SwitchboardConfig cfg) {
        List<String> problems = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        List<AgentConfig> agents = cfg.agents();
        if (agents.isEmpty()) {
            problems.add("agents: at least one agent is needed");
        }
        for (int i = 0; i < agents.size(); i++) {
            AgentConfig a = agents.get(i);
            String at = "agents[" + i + "]";
            if (a.id() == null || a.id().isBlank()) {
                problems.add(at + ".id: required");
                continue;
            }
            checkName(problems, at + ".id", a.id(), names, a.id());
            for (int j = 0; j < a.aliases().size(); j++) {
                checkName(problems, at + ".aliases[" + j + "]", a.aliases().get(j), names, a.id());
            }
            if (a.delivery().stream().distinct().count() != a.delivery().size()) {
                problems.add(at + ".delivery: a method is listed twice");
            }
            if (a.delivery().contains(DeliveryMethod.GUI)
                    && (a.gui() == null || a.gui().inputBox() == null)) {
                problems.add(at + ".gui.input_box: required for gui delivery (or set coords_file and layout)");
            }
            if (a.delivery().contains(DeliveryMethod.TMUX)
                    && (a.tmux() == null
                            || a.tmux().target() == null
                            || a.tmux().target().isBlank())) {
                problems.add(at + ".tmux.target: required for tmux delivery (e.g. agents:0.1)");
            }
            if (a.tmux() != null && a.tmux().expect() != null) {
                checkExpect(problems, at + ".tmux.expect", a.tmux().expect());
            }
            if (a.node() != null && !NAME.matcher(a.node()).matches()) {
                problems.add(at + ".node: '" + printable(a.node()) + "' is not a valid node name (letters, digits, "
                        + "'-', '_', '.')");
            } else if (a.remote() && cfg.broker() == null) {
                problems.add(at + ".node: needs a broker (broker: {url: amqp://…}) to reach node " + a.node());
            }
            if (a.gui() != null
                    && !List.of("enter", "ctrl+enter", "shift+enter", "alt+enter", "meta+enter")
                            .contains(a.gui().submit())) {
                problems.add(at + ".gui.submit: '" + a.gui().submit()
                        + "' is not one of enter, ctrl+enter, shift+enter, alt+enter, meta+enter");
            }
            WatchArea w = a.gui() == null ? null : a.gui().watch();
            if (w != null && (w.w() <= 0 || w.h() <= 0)) {
                problems.add(at + ".gui.watch: w and h must be positive (got " + w.w() + "x" + w.h() + ")");
            } else if (w != null
                    && a.gui().inputBox() != null
                    && !inside(w, a.gui().inputBox())) {
                problems.add(
                        at + ".gui.watch: must contain gui.input_box " + a.gui().inputBox() + " (got " + w + ")");
            }
        }
        Limits l = cfg.limits();
        positive(problems, "limits.max_text", l.maxText());
        positive(problems, "limits.per_user", l.perUser());
        positive(problems, "limits.per_seconds", l.perSeconds());
        if (l.maxText() > 100_000) {
            problems.add("limits.max_text: at most 100000");
        }
        RetryConfig r = cfg.retry();
        positive(problems, "retry.max_attempts", r.maxAttempts());
        positive(problems, "retry.lease_seconds", r.leaseSeconds());
        if (r.baseDelayMs() < 0 || r.maxDelayMs() < r.baseDelayMs()) {
            problems.add("retry: base_delay_ms must be >= 0 and <= max_delay_ms");
        }
        AlertsConfig alerts = cfg.alerts();
        between(problems, "alerts.dead_letters.count", alerts.deadLetters().count(), 0, 10_000);
        between(problems, "alerts.dead_letters.minutes", alerts.deadLetters().minutes(), 1, 7 * 24 * 60);
        between(problems, "alerts.unread_minutes", alerts.unreadMinutes(), 0, 7 * 24 * 60);
        between(problems, "alerts.bridge_down_minutes", alerts.bridgeDownMinutes(), 0, 7 * 24 * 60);
        between(problems, "alerts.check_seconds", alerts.checkSeconds(), 1, 3600);
        GasConfig g = cfg.gas();
        positive(problems, "gas.scan_seconds", g.scanSeconds());
        if (g.silenceMinutes() < 0) {
            problems.add("gas.silence_minutes: must be 0 (never) or more");
        }
        for (String[] prompt : new String[][] {
            {"keep_going", g.prompts().keepGoing()},
            {"wrap_up", g.prompts().wrapUp()},
            {"report", g.prompts().report()},
            {"silent", g.prompts().silent()}
        }) {
            if (prompt[1].isBlank() || prompt[1].length() > 2000) {
                problems.add("gas.prompts." + prompt[0] + ": 1 to 2000 characters");
            }
        }
        if (cfg.web().port() < 0 || cfg.web().port() > 65535) {
            problems.add("web.port: must be 0..65535");
        }
        if (!cfg.web().host().matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            problems.add("web.host: '" + cfg.web().host() + "' is not a host name or IP address");
        }
        if (cfg.discord().prefix().length() > 5 || cfg.discord().prefix().isBlank()) {
            problems.add("discord.prefix: 1 to 5 non-blank characters");
        }
        TwitchConfig t = cfg.twitch();
        positive(problems, "twitch.rate_messages", t.rateMessages());
        positive(problems, "twitch.rate_seconds", t.rateSeconds());
        if (t.cooldownSeconds() < 0) {
            problems.add("twitch.cooldown_seconds: must be 0 or more");
        }
        if (!t.ircUrl().startsWith("ws://") && !t.ircUrl().startsWith("wss://")) {
            problems.add("twitch.irc_url: must start with ws:// or wss://");
        }
        if (!t.authUrl().matches("(?i)https?://\\S+")) {
            problems.add("twitch.auth_url: must be an http:// or https:// URL, e.g. " + TwitchConfig.TWITCH_AUTH_URL);
        }
        for (String channel : t.channels()) {
            if (!channel.replaceFirst("^#", "").matches("[A-Za-z0-9_]{1,25}")) {
                problems.add("twitch.channels: '" + printable(channel) + "' is not a Twitch channel name");
            }
        }
        if (!cfg.discord().apiUrl().matches("(?i)https?://\\S+")) {
            problems.add("discord.api_url: must be an http:// or https:// URL, e.g. https://discord.com/api/v10/");
        }
        if (!cfg.discord().gatewayUrl().matches("(?i)wss?://\\S+")) {
            problems.add("discord.gateway_url: must be a ws:// or wss:// URL, e.g. wss://gateway.discord.gg/");
        }
        for (String id : cfg.discord().channels()) {
            snowflake(problems, "discord.channels", id);
        }
        for (String id : cfg.discord().operators().roles()) {
            snowflake(problems, "discord.operators.roles", id);
        }
        for (String id : cfg.discord().operators().users()) {
            snowflake(problems, "discord.operators.users", id);
        }
        for (String id : cfg.discord().admins().roles()) {
            snowflake(problems, "discord.admins.roles", id);
        }
        for (String id : cfg.discord().admins().users()) {
            snowflake(problems, "discord.admins.users", id);
        }
        if (cfg.discord().guildId() != null) {
            snowflake(problems, "discord.guild_id", cfg.discord().guildId());
        }
        if (cfg.discord().statusChannel() != null) {
            snowflake(problems, "discord.status_channel", cfg.discord().statusChannel());
        }
        if (cfg.broker() != null) {
            BrokerConfig b = cfg.broker();
            if (b.url() == null || !b.url().matches("(?i)amqps?://\\S+")) {
                problems.add(
                        "broker.url: must be an amqp:// or amqps:// URL, e.g. amqp://switchboard@127.0.0.1:5672/sb");
            }
            positive(problems, "broker.heartbeat_seconds", b.heartbeatSeconds());
            if (b.offlineAfterSeconds() <= b.heartbeatSeconds()) {
                problems.add("broker.offline_after_seconds: must be more than heartbeat_seconds");
            }
        }
        return problems;
    }

    /** Program names as tmux shows them ({@code #{pane_current_command}}): a bare name, never a path. */
    private static void checkExpect(List<String> problems, String at, List<String> expect) {
        if (expect.isEmpty()) {
            problems.add(at + ": empty: list the agent's programs (e.g. [claude, node]) or leave it out");
        }
        for (int j = 0; j < expect.size(); j++) {
            String name = expect.get(j);
            if (name == null || !PROGRAM.matcher(name).matches()) {
                problems.add(at + "[" + j + "]: '" + (name == null ? "" : printable(name))
                        + "' is not a program name as tmux shows it (e.g. claude, node, python3; no path)");
            }
        }
    }

    private static void checkName(
            List<String> problems, String at, String name, Map<String, String> names, String owner) {
        if (!NAME.matcher(name).matches()) {
            problems.add(at + ": '" + printable(name)
                    + "' is not a valid name (letters, digits, '-', '_', '.'; up to 64; no path separators)");
            return;
        }
        String key = name.toLowerCase(Locale.ROOT);
        String previous = names.putIfAbsent(key, owner);
        if (previous != null) {
            problems.add(at + ": '" + name + "' is already used by " + previous);
        }
    }

    /** Discord ids are numbers; quoting them in YAML keeps them exact. */
    private static void snowflake(List<String> problems, String at, String id) {
        if (!id.matches("\\d{1,20}")) {
            problems.add(at + ": '" + printable(id) + "' is not a Discord id (digits; enable Developer Mode and "
                    + "use Copy ID)");
        }
    }

    private static void between(List<String> problems, String at, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(at + ": must be " + min + ".." + max + (min == 0 ? " (0 turns the rule off)" : ""));
        }
    }

    private static void positive(List<String> problems, String at, long value) {
        if (value <= 0) {
            problems.add(at + ": must be positive");
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(cp -> b.append(Character.isISOControl(cp) ? "?" : Character.toString(cp)));
        return b.toString();
    }

    private static boolean inside(WatchArea w, ScreenPoint p) {
        return p.x() >= w.x() && p.y() >= w.y() && p.x() < w.x() + w.w() && p.y() < w.y() + w.h();
    }
}
