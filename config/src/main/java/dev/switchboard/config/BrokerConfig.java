package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Scale-out over RabbitMQ: the hub and every {@code switchboard node} connect to this broker. Without it,
 * everything runs in one process.
 *
 * @param url                 {@code amqp://user[:password]@host:5672/vhost} or {@code amqps://…} (TLS)
 * @param heartbeatSeconds    how often a node says it is alive
 * @param offlineAfterSeconds a node silent this long is reported offline
 */
public record BrokerConfig(String url, Integer heartbeatSeconds, Integer offlineAfterSeconds) {
    public static final String PASSWORD_ENV = "SWITCHBOARD_BROKER_PASSWORD";

    public BrokerConfig {
        heartbeatSeconds = heartbeatSeconds == null ? 2 : heartbeatSeconds;
        offlineAfterSeconds = offlineAfterSeconds == null ? 10 : offlineAfterSeconds;
    }

    /** The url with the password filled in from {@code SWITCHBOARD_BROKER_PASSWORD} when the url has none. */
    public String urlWithPassword(Optional<String> envPassword) {
        if (envPassword.isEmpty()) {
            return url;
        }
        try {
            URI u = new URI(url);
            String userInfo = u.getRawUserInfo();
            if (userInfo == null || userInfo.contains(":")) {
                return url;
            }
            String encoded = java.net.URLEncoder.encode(envPassword.get(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            return new URI(u.getScheme() + "://" + userInfo + ":" + encoded + "@"
                            + u.getRawAuthority().substring(userInfo.length() + 1)
                            + (u.getRawPath() == null ? "" : u.getRawPath()))
                    .toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /** The url as it may be shown: the password replaced by {@code ***}. */
    public String redactedUrl() {
        return url == null ? null : url.replaceFirst("(://[^:/@]+:)[^@]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "BrokerConfig[url=" + redactedUrl() + ", heartbeatSeconds=" + heartbeatSeconds + ", offlineAfterSeconds="
                + offlineAfterSeconds + "]";
    }
}
