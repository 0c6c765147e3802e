/**
 * The JSON API: {@code /api/v1/messaging/*} reads (health, metrics, agents, queue, one message, timing,
 * config) and the writes ({@code POST /api/v1/messages}, retry, cancel, pause, resume), which run the same
 * command set as chat; {@code GET /api/v1/alerts} (alerts in force, fired/cleared ones also on the event stream)
 * and {@code GET /api/v1/agents/{id}/peek} (the {@code peek} command: a PNG or text).
 */
package dev.switchboard.web.api;
