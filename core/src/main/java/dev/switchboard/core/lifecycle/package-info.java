/**
 * Services with a lifecycle: every long-running part (queue workers, event pump, watchers, chat bridges, the
 * scheduler, the web server) is a {@link dev.switchboard.core.lifecycle.Service} with start, stop and health.
 * The {@link dev.switchboard.core.lifecycle.Supervisor} starts them in dependency order, restarts a failed one
 * with backoff and stops them in reverse order; {@link dev.switchboard.core.lifecycle.StatusFile} shows their
 * state to other processes (the CLI's {@code status}).
 */
package dev.switchboard.core.lifecycle;
