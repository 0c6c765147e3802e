/**
 * {@code switchboard bench}: measures the durable queue, the delivery cycle, end-to-end latency and idle
 * memory, each beside this disk's raw limits measured in the same run, and prints one JSON report. Each
 * measurement is its own small class; {@link dev.switchboard.bench.Bench} runs them in order.
 */
package dev.switchboard.bench;
