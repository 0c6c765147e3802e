/**
 * Getting a queued message to an agent: deliverers (inbox, GUI, tmux), the per-agent fallback chain with
 * circuit breakers, and the per-agent workers that drain the queue.
 */
package dev.switchboard.delivery;
