package dev.switchboard.bot.twitch.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.philippheuer.credentialmanager.CredentialManager;
import com.github.philippheuer.credentialmanager.CredentialManagerBuilder;
import com.github.philippheuer.credentialmanager.domain.OAuth2Credential;
import com.github.twitch4j.chat.TwitchChat;
import com.github.twitch4j.chat.TwitchChatBuilder;
import com.github.twitch4j.chat.events.channel.ChannelMessageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fake speaks enough Twitch IRC for the real twitch4j client: login, join, chat both ways, reconnect. */
class FakeTwitchChatTest {

    @Test
    void realClientLogsInJoinsChatsAndReconnects() throws Exception {
        ScheduledThreadPoolExecutor exec = new ScheduledThreadPoolExecutor(2);
        try (FakeTwitchChat server = new FakeTwitchChat().begin()) {
            CredentialManager cm = CredentialManagerBuilder.builder().build();
            cm.registerIdentityProvider(new LocalTwitchIdentity("900001", "spikebot"));
            TwitchChat chat = TwitchChatBuilder.builder()
                    .withCredentialManager(cm)
                    .withChatAccount(new OAuth2Credential("twitch", "tok", null, null, null, null, new ArrayList<>()))
                    .withBaseUrl(server.url())
                    .withSendCredentialToThirdPartyHost(true)
                    .withScheduledThreadPoolExecutor(exec)
                    .withAutoJoinOwnChannel(false)
                    .build();
            try {
                LinkedBlockingQueue<ChannelMessageEvent> seen = new LinkedBlockingQueue<>();
                chat.getEventManager().onEvent(ChannelMessageEvent.class, seen::add);
                chat.joinChannel("stream");
                server.awaitJoined("stream", Duration.ofSeconds(10));
                assertEquals("oauth:tok", server.lastPass());

                server.chat(ChatUser.moderator("mod1", "42"), "stream", "m-1", "!hello");
                ChannelMessageEvent e = seen.poll(10, TimeUnit.SECONDS);
                assertEquals("!hello", e.getMessage());
                assertEquals("42", e.getUser().getId());

                chat.sendMessage("stream", "hi back", null, "m-1");
                assertEquals(
                        "m-1",
                        server.awaitSent(s -> true, 1, Duration.ofSeconds(10))
                                .get(0)
                                .replyTo());

                server.sendReconnect();
                server.awaitCondition(() -> server.connections() == 2, Duration.ofSeconds(10), "second connection");
                server.awaitJoined("stream", Duration.ofSeconds(10));
                server.dropConnection();
                server.awaitCondition(() -> server.connections() == 3, Duration.ofSeconds(15), "third connection");
                server.awaitJoined("stream", Duration.ofSeconds(10));
                server.chat(ChatUser.viewer("v", "43"), "stream", "m-2", "after");
                assertEquals("after", seen.poll(10, TimeUnit.SECONDS).getMessage());
            } finally {
                chat.close();
                exec.shutdownNow();
            }
        }
    }
}
