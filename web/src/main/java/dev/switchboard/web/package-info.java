/**
 * The web front-end of {@code switchboard run}: the HTTP API ({@code /api/v1/...}), live status events (SSE),
 * the Prometheus endpoint and the dashboard page. {@link dev.switchboard.web.WebServer} wires them on Javalin;
 * everything it shows comes from the queue, the command set and a {@link dev.switchboard.web.FleetProbe} the
 * application provides, and every write runs through the same command set as chat.
 */
package dev.switchboard.web;
