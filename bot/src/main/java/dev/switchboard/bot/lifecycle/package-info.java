/**
 * Adapters that make Switchboard's long-running parts supervised services (see
 * {@link dev.switchboard.core.lifecycle.Supervisor}): a loop built anew on each start, a chat bridge that may be
 * unreachable, and the status file the CLI reads.
 */
package dev.switchboard.bot.lifecycle;
