package dev.switchboard.web.metrics;

/** The latencies measured per message. */
enum Latency {
    /** Queued until its first delivery attempt started. */
    QUEUE_WAIT,
    /** Start of the attempt that delivered it until delivered. */
    DELIVERY,
    /** Queued until delivered: what the sender waits for. */
    END_TO_END,
    /** Delivered until the agent read it. */
    TIME_TO_READ;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
