package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.config.DiscordConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatFilterTest {
    private final ChatFilter filter =
            new ChatFilter(new DiscordConfig("!", "1", List.of("10", "11"), null, null, null, null, null));

    @Test
    void prefixedMessageInAnAllowedChannelIsACommandLineKeptExactly() {
        assertEquals(Optional.of("msg Agent-2 a\n  b"), filter.commandLine("1", "10", false, "!msg Agent-2 a\n  b"));
    }

    @Test
    void everythingElseIsIgnored() {
        assertEquals(Optional.empty(), filter.commandLine("1", "12", false, "!msg Agent-2 hi"), "other channel");
        assertEquals(Optional.empty(), filter.commandLine("2", "10", false, "!msg Agent-2 hi"), "other guild");
        assertEquals(Optional.empty(), filter.commandLine("1", "10", true, "!msg Agent-2 hi"), "a bot");
        assertEquals(Optional.empty(), filter.commandLine("1", "10", false, "msg Agent-2 hi"), "no prefix");
        assertEquals(Optional.empty(), filter.commandLine("1", "10", false, "! nice"), "just an exclamation");
        assertEquals(Optional.empty(), filter.commandLine("1", "10", false, "!"));
    }

    @Test
    void slashCommandsAreTakenInTheSameChannelsOnly() {
        assertEquals(true, filter.allows("1", "11"));
        assertEquals(false, filter.allows("1", "12"));
        assertEquals(false, filter.allows("2", "10"));
        assertEquals("<#10>, <#11>", filter.allowedChannels());
    }

    @Test
    void noChannelsListedMeansEveryChannel() {
        ChatFilter open = new ChatFilter(new DiscordConfig("sb:", null, null, null, null, null, null, null));
        assertEquals(Optional.of("agents"), open.commandLine("5", "99", false, "sb:agents"));
    }
}
