package dev.switchboard.config;

/** A config file that cannot be used; the message names the file and the field path, in one line. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
