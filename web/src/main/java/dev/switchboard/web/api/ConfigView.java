package dev.switchboard.web.api;

import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The effective config. Secrets never live in it (they come from the environment); this view says only
 * whether each one is set.
 */
final class ConfigView {
    private ConfigView() {}

    static Map<String, Object> of(SwitchboardConfig cfg, Optional<Secrets> secrets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", cfg);
        Map<String, String> s = new LinkedHashMap<>();
        secrets.ifPresent(x -> {
            s.put(Secrets.DISCORD_TOKEN, x.discordToken().isPresent() ? "(set, redacted)" : "(unset)");
            s.put(Secrets.TWITCH_TOKEN, x.twitchToken().isPresent() ? "(set, redacted)" : "(unset)");
            s.put(Secrets.API_TOKEN, x.apiToken().isPresent() ? "(set, redacted)" : "(unset)");
        });
        out.put("secrets", s);
        return out;
    }
}
