package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscordConfigValidationTest {

    private static List<String> problems(DiscordConfig discord) {
        SwitchboardConfig cfg = SwitchboardConfig.defaults(Path.of("/tmp/sb"));
        return ConfigValidator.validate(new SwitchboardConfig(
                cfg.dataDir(),
                cfg.workspaces(),
                null,
                null,
                cfg.agents(),
                null,
                null,
                discord,
                null,
                null,
                null,
                null));
    }

    @Test
    void defaultsAndLocalUrlsAreValid() {
        assertEquals(List.of(), problems(DiscordConfig.defaults()));
        assertEquals(
                List.of(),
                problems(new DiscordConfig(
                        "!",
                        "123",
                        List.of("456"),
                        "789",
                        new AccessList(List.of("1"), List.of("2")),
                        null,
                        "http://127.0.0.1:8080/api/v10/",
                        "ws://127.0.0.1:8081/")));
    }

    @Test
    void badUrlsAndIdsAreNamedByTheirKey() {
        List<String> p = problems(new DiscordConfig(
                "!",
                "my-guild",
                List.of("#general"),
                "789",
                new AccessList(List.of("Moderators"), List.of()),
                null,
                "discord.com/api",
                "https://gateway"));

        assertTrue(p.stream().anyMatch(s -> s.startsWith("discord.api_url:")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("discord.gateway_url:")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("discord.guild_id: 'my-guild'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("discord.channels: '#general'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("discord.operators.roles: 'Moderators'")), p.toString());
        assertEquals(5, p.size(), p.toString());
    }
}
