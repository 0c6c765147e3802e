/**
 * The JSON API: {@code /api/v1/messaging/*} reads (health, metrics, agents, queue, one message, timing,
 * config) and the writes ({@code POST /api/v1/messages}, retry, cancel, pause, resume), which run the same
 * command set as chat.
 */
package dev.switchboard.web.api;
