package dev.switchboard.bot.twitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.philippheuer.credentialmanager.domain.OAuth2Credential;
import com.github.twitch4j.auth.providers.TwitchIdentityProvider;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.TwitchConfig;
import dev.switchboard.core.lifecycle.FatalServiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the chat token once at start and tells whose it is. Two outcomes must not be confused: a token the
 * server <em>rejected</em> stops the start ({@link FatalServiceException}); a server that could not be reached
 * is an ordinary failure, retried in the background while the rest of Switchboard runs.
 */
@FunctionalInterface
interface TokenCheck {
    /** Whose the token is. */
    record Identity(String userId, String login) {}

    /**
     * @param bareToken the token without {@code oauth:}; never logged nor put in a message
     * @throws FatalServiceException the token was rejected
     * @throws IllegalStateException the check could not be made (naming the URL)
     */
    Identity check(String bareToken);

    /** Production: GET {@code twitch.auth_url} (Twitch's {@code /oauth2/validate} by default). */
    static TokenCheck http(String authUrl) {
        ObjectMapper json = new ObjectMapper();
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return token -> {
            if (!isTwitchOrLocal(authUrl)) {
                throw new FatalServiceException(
                        "twitch.auth_url " + authUrl + " is neither Twitch's nor on this"
                                + " machine: the token is not sent there",
                        null);
            }
            HttpResponse<String> response;
            try {
                response = client.send(
                        HttpRequest.newBuilder(URI.create(authUrl))
                                .timeout(Duration.ofSeconds(15))
                                .header("Authorization", "OAuth " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot reach the Twitch token check at " + authUrl + " ("
                                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                                + ")",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the Twitch token at " + authUrl, e);
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw rejected(response.statusCode());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "the Twitch token check at " + authUrl + " answered HTTP " + response.statusCode());
            }
            try {
                JsonNode body = json.readTree(response.body());
                String userId = body.path("user_id").asText(null);
                String login = body.path("login").asText(null);
                if (userId == null || login == null) {
                    throw rejected(response.statusCode());
                }
                return new Identity(userId, login);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the Twitch token check at " + authUrl + " answered something that" + " is not JSON", e);
            }
        };
    }

    /** Tests: twitch4j's identity provider answers (a local stand-in); no answer counts as a rejection. */
    static TokenCheck of(TwitchIdentityProvider identity) {
        return token -> {
            OAuth2Credential probe = new OAuth2Credential("twitch", token);
            Optional<OAuth2Credential> info = identity.getAdditionalCredentialInformation(probe);
            if (info.isEmpty() || info.get().getUserId() == null || info.get().getUserName() == null) {
                throw rejected(401);
            }
            return new Identity(info.get().getUserId(), info.get().getUserName());
        };
    }

    private static FatalServiceException rejected(int status) {
        return new FatalServiceException(
                Secrets.TWITCH_TOKEN + " was rejected by Twitch (HTTP " + status
                        + "): use a user access token with the chat:read and chat:edit scopes",
                null);
    }

    /** The token goes to Twitch, or to this machine (a local test chat); never to a mistyped remote host. */
    static boolean isTwitchOrLocal(String url) {
        if (url.equals(TwitchConfig.TWITCH_AUTH_URL)) {
            return true;
        }
        try {
            URI uri = URI.create(url);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return ("https".equalsIgnoreCase(uri.getScheme()) && host.equals("id.twitch.tv"))
                    || TwitchClientFactory.isLoopback(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** twitch4j's identity provider for the same server (it checks the token again when it connects). */
    static TwitchIdentityProvider identityProviderFor(String authUrl) {
        String base = authUrl.replaceFirst("/validate/?$", "");
        return new TwitchIdentityProvider(null, null, null, base);
    }
}
