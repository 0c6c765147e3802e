package dev.switchboard.broker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.switchboard.config.BrokerConfig;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Opens connections to the configured broker. The password comes from {@code SWITCHBOARD_BROKER_PASSWORD} when
 * the url has none; {@code amqps://} verifies the broker's certificate and host name with the JVM's trust store
 * (never "trust everything"). Connections recover by themselves after a broker restart, queues, bindings and
 * consumers included.
 */
public final class BrokerConnections {
    private final ConnectionFactory factory;
    private final String shownUrl;

    public BrokerConnections(BrokerConfig config, Optional<String> envPassword) {
        this.shownUrl = config.redactedUrl();
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(config.urlWithPassword(envPassword));
            if (config.url().regionMatches(true, 0, "amqps:", 0, 6)) {
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (java.net.URISyntaxException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("broker.url " + shownUrl + " is not usable: " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1_000);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5_000);
    }

    /** @param name shown in the broker's management UI (e.g. "switchboard hub", "switchboard node desk-2") */
    public Connection open(String name) throws IOException {
        try {
            return factory.newConnection(name);
        } catch (TimeoutException e) {
            throw new IOException("broker " + shownUrl + " did not answer in time", e);
        } catch (IOException e) {
            throw new IOException("cannot connect to broker " + shownUrl + ": " + rootMessage(e), e);
        }
    }

    public String shownUrl() {
        return shownUrl;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
