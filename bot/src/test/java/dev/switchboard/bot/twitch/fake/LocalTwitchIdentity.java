package dev.switchboard.bot.twitch.fake;

import com.github.philippheuer.credentialmanager.domain.OAuth2Credential;
import com.github.twitch4j.auth.providers.TwitchIdentityProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers twitch4j's token validation locally (Twitch's endpoint is not reachable from tests): every token
 * belongs to the given bot account. Returns a fresh credential with a mutable scope list each time, as twitch4j
 * expects, or it silently falls back to an anonymous login.
 */
public final class LocalTwitchIdentity extends TwitchIdentityProvider {
    private final String userId;
    private final String login;

    public LocalTwitchIdentity(String userId, String login) {
        super(null, null, null);
        this.userId = userId;
        this.login = login;
    }

    @Override
    public Optional<Boolean> isCredentialValid(OAuth2Credential credential) {
        return Optional.of(true);
    }

    @Override
    public Optional<OAuth2Credential> getAdditionalCredentialInformation(OAuth2Credential credential) {
        return Optional.of(new OAuth2Credential(
                "twitch",
                credential.getAccessToken(),
                null,
                userId,
                login,
                3600,
                new ArrayList<>(List.of("chat:read", "chat:edit"))));
    }
}
