/**
 * The one way Switchboard runs work on a thread of its own: {@link dev.switchboard.core.loop.BackgroundLoop}
 * (catches everything, logs a failure once, backs off, stops within a bound),
 * {@link dev.switchboard.core.loop.WakeSignal} (the "look now" that ends a polling loop's wait, and its stop's)
 * and {@link dev.switchboard.core.loop.FailureLog} (one line per change of state, the stack trace once).
 */
package dev.switchboard.core.loop;
