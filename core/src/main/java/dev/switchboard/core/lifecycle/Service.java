package dev.switchboard.core.lifecycle;

import java.util.List;

/**
 * A long-running part of Switchboard. {@link #start} may be called again after {@link #stop} (a restart):
 * implementations build their threads and clients in {@code start}, not in the constructor.
 */
public interface Service {
    String name();

    /** Names of services that must be running before this one starts (and stop after it). */
    default List<String> dependsOn() {
        return List.of();
    }

    /**
     * Whether the rest of Switchboard can run without it (a chat bridge). An optional service that cannot
     * start is retried in the background; a required one stops the start.
     */
    default boolean optional() {
        return false;
    }

    /**
     * @throws FatalServiceException when retrying cannot help (a rejected token): the start stops, and a
     *                               running Switchboard gives up on this service
     * @throws Exception             anything else: an optional service is retried with backoff
     */
    void start() throws Exception;

    /** Stops it and releases what it holds; safe to call when it did not start or already stopped. */
    void stop();

    /** Checked while it runs; an unhealthy service is stopped and started again. */
    Health health();

    /** What a health check found. */
    record Health(boolean healthy, String detail) {
        public static Health ok() {
            return new Health(true, "ok");
        }

        public static Health failed(String detail) {
            return new Health(false, detail);
        }

        public static Health of(boolean healthy, String whenNot) {
            return healthy ? ok() : failed(whenNot);
        }
    }
}
