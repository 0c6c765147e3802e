/**
 * Figures about the fleet: {@link dev.switchboard.web.metrics.FleetMetrics} keeps the last hour of state changes
 * in per-minute buckets (seeded from the transition log at start, fed live from the event bus) for the JSON API and
 * the dashboard; {@link dev.switchboard.web.metrics.PrometheusMetrics} exposes the {@code switchboard_} series
 * through Micrometer for {@code GET /metrics}.
 */
package dev.switchboard.web.metrics;
