package dev.switchboard.web.api;

import dev.switchboard.commands.alerts.Alert;
import dev.switchboard.commands.alerts.AlertEvent;
import dev.switchboard.commands.alerts.AlertMonitor;
import dev.switchboard.web.Responses;
import dev.switchboard.web.WebContext;
import dev.switchboard.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/alerts}: the alerts in force; and every alert fired or cleared as an {@code alert} event on
 * the live stream ({@code GET /api/v1/events}), so the dashboard's panel changes without polling.
 */
public final class AlertRoutes implements WebRoutes {
    private final AlertMonitor alerts;

    public AlertRoutes(AlertMonitor alerts) {
        this.alerts = alerts;
    }

    /** One alert as JSON: {@code key}, {@code rule}, {@code summary}, {@code since}. */
    public record AlertView(String key, String rule, String summary, Instant since) {
        static AlertView of(Alert a) {
            return new AlertView(a.key(), a.rule(), a.text(), a.since());
        }
    }

    /** An {@code alert} event: {@code fired} or {@code cleared}, the alert, when, and the line announced. */
    public record AlertEventView(String kind, AlertView alert, Instant at, String announcement) {
        static AlertEventView of(AlertEvent e) {
            return new AlertEventView(
                    e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    AlertView.of(e.alert()),
                    e.at(),
                    e.announcement());
        }
    }

    @Override
    public void register(RoutesConfig routes, WebContext web) {
        alerts.subscribe(e -> web.events().publish("alert", AlertEventView.of(e)));
        routes.get("/api/v1/alerts", ctx -> {
            List<AlertView> active = alerts.active().stream().map(AlertView::of).toList();
            Responses.json(ctx, 200, Map.of("alerts", active));
        });
    }
}
