/**
 * The message core: {@code UnifiedMessage} and its state machine, the durable queue, routing with middleware
 * and handlers, the status event bus, retry/backoff and circuit breaking. Knows nothing of chat platforms,
 * Robot or agents' files.
 */
package dev.switchboard.core;
