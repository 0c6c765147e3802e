package dev.switchboard.config;

/** The local web page and HTTP API; localhost only unless configured otherwise. */
public record WebConfig(String host, Integer port) {
    public WebConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        port = port == null ? 8765 : port;
    }

    public static WebConfig defaults() {
        return new WebConfig(null, null);
    }
}
