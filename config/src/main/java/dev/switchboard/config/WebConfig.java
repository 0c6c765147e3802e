package dev.switchboard.config;

/**
 * The local web page and HTTP API; localhost only unless configured otherwise.
 *
 * @param enabled whether {@code run} serves it (default true)
 * @param host    address to bind; anything but a loopback address makes reads need the API token as well
 * @param port    TCP port (0 = any free port)
 */
public record WebConfig(Boolean enabled, String host, Integer port) {
    public WebConfig {
        enabled = enabled == null || enabled;
        host = host == null || host.isBlank() ? "127.0.0.1" : host.trim();
        port = port == null ? 8765 : port;
    }

    public static WebConfig defaults() {
        return new WebConfig(null, null, null);
    }

    public WebConfig withPort(int newPort) {
        return new WebConfig(enabled, host, newPort);
    }
}
