package dev.switchboard.core.lifecycle;

/** A service cannot start and retrying will not help (e.g. the platform rejected the token). */
public final class FatalServiceException extends RuntimeException {
    public FatalServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
