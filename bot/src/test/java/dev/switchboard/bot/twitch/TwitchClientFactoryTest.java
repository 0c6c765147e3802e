package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwitchClientFactoryTest {

    @Test
    void theTokenGoesToAThirdPartyHostOnlyOnThisMachine() {
        assertTrue(TwitchClientFactory.isLoopback("ws://127.0.0.1:4567"));
        assertTrue(TwitchClientFactory.isLoopback("ws://localhost:4567"));
        assertTrue(TwitchClientFactory.isLoopback("ws://[::1]:4567"));
        assertFalse(TwitchClientFactory.isLoopback("wss://irc-ws.chat.twitch.tv:443"));
        assertFalse(TwitchClientFactory.isLoopback("wss://127.0.0.1.evil.example:443"));
        assertFalse(TwitchClientFactory.isLoopback("not a url"));
    }

    @Test
    void theOauthPrefixTwitchShowsIsAccepted() {
        assertEquals("abc123", TwitchClientFactory.bareToken("oauth:abc123"));
        assertEquals("abc123", TwitchClientFactory.bareToken(" OAuth:abc123 "));
        assertEquals("abc123", TwitchClientFactory.bareToken("abc123"));
    }
}
