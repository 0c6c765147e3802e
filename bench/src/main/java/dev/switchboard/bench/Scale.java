package dev.switchboard.bench;

import java.time.Duration;

/**
 * How much each measurement does. {@link #full()} is what the report's targets are judged on;
 * {@link #quick()} is a smoke run (a test uses it) whose figures are real but noisier.
 */
record Scale(
        String name,
        int historyRows,
        Duration rawDuration,
        Duration enqueueWarmup,
        Duration enqueueDuration,
        int enqueueMinSamples,
        int cycleMessages,
        int offeredPerSecond,
        Duration offeredDuration,
        int saturatedMessages,
        int saturatedProducers,
        Duration idleSettle) {

    /** The cycle runs 40,000 messages (about 4 s here): with 20,000 the JIT's first compilations and a busy
     *  neighbour moved its figure by a third from run to run. */
    static Scale full() {
        return new Scale(
                "full",
                1_000_000,
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                5_000,
                40_000,
                100,
                Duration.ofSeconds(30),
                10_000,
                16,
                Duration.ofSeconds(8));
    }

    boolean isQuick() {
        return "quick".equals(name);
    }

    static Scale quick() {
        return new Scale(
                "quick",
                100_000,
                Duration.ofMillis(400),
                Duration.ofMillis(200),
                Duration.ofMillis(600),
                300,
                400,
                100,
                Duration.ofSeconds(2),
                300,
                16,
                Duration.ofSeconds(3));
    }
}
