package dev.switchboard.bot.twitch;

import com.github.philippheuer.credentialmanager.CredentialManager;
import com.github.philippheuer.credentialmanager.CredentialManagerBuilder;
import com.github.philippheuer.credentialmanager.domain.OAuth2Credential;
import com.github.twitch4j.auth.providers.TwitchIdentityProvider;
import com.github.twitch4j.chat.TwitchChat;
import com.github.twitch4j.chat.TwitchChatBuilder;
import dev.switchboard.config.TwitchConfig;
import io.github.bucket4j.Bandwidth;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the twitch4j chat client from our settings; the only place that knows its builder. */
final class TwitchClientFactory {
    private static final Logger LOG = LoggerFactory.getLogger(TwitchClientFactory.class);

    private TwitchClientFactory() {}

    /**
     * @param check    checks the token and says whose it is, before anything connects: left to twitch4j, a bad
     *                 token would quietly log in anonymously (read-only) instead
     * @param identity twitch4j's identity provider for the same server (it checks again when it connects)
     * @param executor owned by the caller, who shuts it down: twitch4j leaves its default one running
     */
    static TwitchChat create(
            TwitchConfig config,
            String token,
            TokenCheck check,
            TwitchIdentityProvider identity,
            ScheduledThreadPoolExecutor executor) {
        TokenCheck.Identity who = check.check(bareToken(token));
        CredentialManager credentials = CredentialManagerBuilder.builder().build();
        credentials.registerIdentityProvider(identity);
        // Mutable scope list: twitch4j adds to it while enriching the credential.
        OAuth2Credential account = new OAuth2Credential(
                "twitch", bareToken(token), null, who.userId(), who.login(), null, new ArrayList<>());
        if (config.login() != null && !config.login().equalsIgnoreCase(account.getUserName())) {
            LOG.warn(
                    "twitch.login is {} but the token belongs to {}; chatting as {}",
                    config.login(),
                    account.getUserName(),
                    account.getUserName());
        }
        return TwitchChatBuilder.builder()
                .withCredentialManager(credentials)
                .withChatAccount(account)
                .withBaseUrl(config.ircUrl())
                // The token goes to a non-Twitch host only when that host is this machine (a local test chat);
                // a mistyped remote irc_url must not receive it.
                .withSendCredentialToThirdPartyHost(isLoopback(config.ircUrl()))
                .withScheduledThreadPoolExecutor(executor)
                .withChatRateLimit(Bandwidth.simple(config.rateMessages(), Duration.ofSeconds(config.rateSeconds())))
                .withAutoJoinOwnChannel(false)
                .build();
    }

    /** Twitch shows chat tokens as {@code oauth:abc}; twitch4j adds the prefix itself. */
    static String bareToken(String token) {
        String t = token.trim();
        return t.regionMatches(true, 0, "oauth:", 0, 6) ? t.substring(6) : t;
    }

    static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(Locale.ROOT);
            return h.equals("localhost")
                    || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                    || h.equals("[::1]")
                    || h.equals("::1");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
