package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.FakeMember;
import dev.switchboard.config.DiscordConfig;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real JDA client against the local fake Discord: login, guild, messages, resume. */
@Timeout(60)
class JdaLoginTest {

    @Test
    void logsInSeesGuildAndMessagesAndResumesAfterDrop() throws Exception {
        FakeMember alice = FakeMember.of(101, "alice", FakeDiscord.ADMIN_ROLE_ID);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (FakeDiscord discord = new FakeDiscord().addMember(alice).start()) {
            DiscordConfig config = new DiscordConfig(
                    null,
                    Long.toString(FakeDiscord.GUILD_ID),
                    null,
                    null,
                    null,
                    null,
                    discord.apiUrl(),
                    discord.gatewayUrl());
            JDA jda = JdaClients.build("fake-token", config, new ListenerAdapter() {
                @Override
                public void onMessageReceived(MessageReceivedEvent event) {
                    seen.add(event.getAuthor().getName() + ":"
                            + event.getMessage().getContentRaw());
                }
            });
            try {
                jda.awaitReady();
                Guild guild = jda.getGuildById(FakeDiscord.GUILD_ID);
                assertNotNull(guild, "guild from GUILD_CREATE");
                assertEquals(FakeDiscord.BOT_ID, jda.getSelfUser().getIdLong());

                discord.postMessage(FakeDiscord.CHANNEL_ID, alice.id(), "hello\nworld");
                assertEquals("alice:hello\nworld", seen.poll(10, TimeUnit.SECONDS));

                discord.dropConnection();
                discord.postMessage(FakeDiscord.CHANNEL_ID, alice.id(), "after drop");
                assertEquals("alice:after drop", seen.poll(20, TimeUnit.SECONDS));
                assertEquals(1, discord.identifies(), "resumed, not re-identified");
                assertTrue(discord.resumes() >= 1);

                discord.requestReconnect();
                discord.awaitResumes(2, Duration.ofSeconds(20));
                discord.postMessage(FakeDiscord.CHANNEL_ID, alice.id(), "after op 7");
                assertEquals("alice:after op 7", seen.poll(20, TimeUnit.SECONDS));
                assertEquals(1, discord.identifies());
            } finally {
                jda.shutdownNow();
                jda.awaitShutdown(Duration.ofSeconds(10));
            }
        }
    }
}
