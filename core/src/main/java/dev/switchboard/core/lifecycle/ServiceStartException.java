package dev.switchboard.core.lifecycle;

/** A required service could not start, so Switchboard did not start. */
public final class ServiceStartException extends RuntimeException {
    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
