package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.FakeMember;
import dev.switchboard.bot.discord.fake.RestCall;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandInfo;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.answers.AnswerBoard;
import dev.switchboard.config.DiscordConfig;
import dev.switchboard.core.events.EventBus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge on its own (command layer faked): the right token logs in and registers commands, a wrong one fails
 * clearly; a failing command is answered, not swallowed.
 */
@Timeout(30)
class DiscordBridgeStartTest {
    private static final String TOKEN = "right-token-7d2e";

    /** Command list of the real command set, nothing executed. */
    private static final ChatCommands COMMANDS = new ChatCommands() {
        @Override
        public Reply executeChat(String line, Caller caller) {
            throw new AssertionError("not called");
        }

        @Override
        public Reply execute(List<String> args, Caller caller) {
            throw new AssertionError("not called");
        }

        @Override
        public List<String> completeAgent(String prefix) {
            return List.of();
        }

        @Override
        public List<CommandInfo> commands() {
            return new CommandSet(null).commands();
        }
    };

    @Test
    void aCommandThatBlowsUpIsAnsweredAndTheNextOneStillRuns() throws Exception {
        ChatCommands broken = new ChatCommands() {
            @Override
            public Reply executeChat(String line, Caller caller) {
                throw new IllegalStateException("bug in " + line);
            }

            @Override
            public Reply execute(List<String> args, Caller caller) {
                throw new IllegalStateException("bug");
            }

            @Override
            public List<String> completeAgent(String prefix) {
                return List.of();
            }

            @Override
            public List<CommandInfo> commands() {
                return COMMANDS.commands();
            }
        };
        FakeMember admin = FakeMember.of(77, "admin", FakeDiscord.ADMIN_ROLE_ID);
        try (FakeDiscord discord = new FakeDiscord().addMember(admin).start()) {
            DiscordBridge bridge = new DiscordBridge(
                    config(discord), TOKEN, broken, new EventBus(), AnswerBoard.NONE, Set::of, Duration.ofSeconds(2));
            try {
                bridge.start();
                for (String line : List.of("!agents", "!status")) {
                    long msg = discord.postMessage(FakeDiscord.CHANNEL_ID, admin.id(), line);
                    RestCall reply = discord.await(
                            c -> c.is("POST", "channels/\\d+/messages")
                                    && c.body()
                                            .path("message_reference")
                                            .path("message_id")
                                            .asText()
                                            .equals(Long.toString(msg)),
                            Duration.ofSeconds(10),
                            "reply to " + line);
                    assertTrue(reply.body().path("content").asText().startsWith("❌ internal error"));
                }
            } finally {
                bridge.close();
            }
        }
    }

    private static DiscordConfig config(FakeDiscord discord) {
        return new DiscordConfig(null, null, null, null, null, null, discord.apiUrl(), discord.gatewayUrl());
    }

    @Test
    void wrongTokenFailsToStartWithoutShowingIt() throws Exception {
        try (FakeDiscord discord = new FakeDiscord().requireToken(TOKEN).start()) {
            DiscordBridge bridge = new DiscordBridge(
                    config(discord),
                    "wrong-token-9a9a",
                    COMMANDS,
                    new EventBus(),
                    AnswerBoard.NONE,
                    Set::of,
                    Duration.ofSeconds(2));
            try {
                Exception e = assertThrows(Exception.class, bridge::start);
                assertTrue(e.getMessage().toLowerCase().contains("token"), e.getMessage());
                assertFalse(e.getMessage().contains("wrong-token-9a9a"));
            } finally {
                bridge.close();
            }
            assertEquals(0, discord.identifies(), "never reached the gateway");
        }
    }

    @Test
    void rightTokenConnectsAndRegistersSlashCommandsInEveryGuildWhenNoneIsConfigured() throws Exception {
        try (FakeDiscord discord = new FakeDiscord().requireToken(TOKEN).start()) {
            DiscordBridge bridge = new DiscordBridge(
                    config(discord), TOKEN, COMMANDS, new EventBus(), AnswerBoard.NONE, Set::of, Duration.ofSeconds(2));
            try {
                bridge.start();
                discord.await(
                        c -> c.is("PUT", "applications/\\d+/guilds/" + FakeDiscord.GUILD_ID + "/commands"),
                        Duration.ofSeconds(10),
                        "registration");
                assertEquals(
                        dev.switchboard.commands.CommandCatalog.all().size(),
                        discord.registeredCommands().size());
            } finally {
                bridge.close();
            }
            assertEquals(1, discord.identifies());
        }
    }
}
