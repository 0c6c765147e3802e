package dev.switchboard.config;

/**
 * How failed deliveries are retried before a message is declared DEAD.
 *
 * @param maxAttempts    delivery attempts in all (first try included)
 * @param baseDelayMs    delay before the first retry; doubles each time, with jitter
 * @param maxDelayMs     cap on the delay
 * @param leaseSeconds   how long a worker owns a message it is delivering; after that (worker died) it returns
 */
public record RetryConfig(Integer maxAttempts, Long baseDelayMs, Long maxDelayMs, Integer leaseSeconds) {
    public RetryConfig {
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        baseDelayMs = baseDelayMs == null ? 500L : baseDelayMs;
        maxDelayMs = maxDelayMs == null ? 60_000L : maxDelayMs;
        leaseSeconds = leaseSeconds == null ? 30 : leaseSeconds;
    }

    public static RetryConfig defaults() {
        return new RetryConfig(null, null, null, null);
    }
}
