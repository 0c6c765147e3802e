package dev.switchboard.web;

import io.javalin.config.RoutesConfig;

/**
 * A group of routes. {@link WebServer} registers its own groups and any the application adds (alerts, agent
 * snapshots …). Authorization is applied to every route by the server, not by the group: GET and HEAD are
 * reads, every other method is a write and needs the API token. A GET handler must not change state.
 */
@FunctionalInterface
public interface WebRoutes {
    void register(RoutesConfig routes, WebContext web);
}
