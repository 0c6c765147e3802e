package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwitchConfigTest {
    @TempDir
    Path dir;

    @Test
    void twitchKeysAreReadWithQuotesFileRelativeToTheConfig() throws Exception {
        Path file = Files.writeString(dir.resolve("switchboard.yaml"), """
                twitch:
                  login: mybot
                  channels: [mychannel]
                  operators: [trusted_viewer]
                  irc_url: ws://127.0.0.1:4567
                  greeting: "Switchboard is here: !help"
                  quotes_file: quotes.txt
                  rate_messages: 100
                  rate_seconds: 30
                  cooldown_seconds: 5
                  auth_url: http://127.0.0.1:4568/oauth2/validate
                """);
        TwitchConfig t = ConfigLoader.load(file).twitch();
        assertEquals("mybot", t.login());
        assertEquals(List.of("mychannel"), t.channels());
        assertEquals(List.of("trusted_viewer"), t.operators());
        assertEquals("ws://127.0.0.1:4567", t.ircUrl());
        assertEquals("Switchboard is here: !help", t.greeting());
        assertEquals(dir.resolve("quotes.txt").toAbsolutePath().normalize(), t.quotesFile());
        assertEquals(100, t.rateMessages());
        assertEquals(5, t.cooldownSeconds());
        assertEquals("http://127.0.0.1:4568/oauth2/validate", t.authUrl());
    }

    @Test
    void defaultsAreTwitchsOwnServerNoGreetingAndTwitchsRate() {
        TwitchConfig t = TwitchConfig.defaults();
        assertEquals("wss://irc-ws.chat.twitch.tv:443", t.ircUrl());
        assertNull(t.greeting());
        assertEquals(20, t.rateMessages());
        assertEquals(30, t.rateSeconds());
        assertEquals(10, t.cooldownSeconds());
        assertEquals("https://id.twitch.tv/oauth2/validate", t.authUrl());
    }

    @Test
    void badTwitchSettingsAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("switchboard.yaml"), """
                twitch:
                  channels: ["my channel"]
                  irc_url: http://example.org
                  rate_messages: 0
                  auth_url: ftp://example.org/validate
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("twitch.channels"), e.getMessage());
        assertTrue(e.getMessage().contains("twitch.irc_url"), e.getMessage());
        assertTrue(e.getMessage().contains("twitch.rate_messages"), e.getMessage());
        assertTrue(e.getMessage().contains("twitch.auth_url"), e.getMessage());
    }
}
