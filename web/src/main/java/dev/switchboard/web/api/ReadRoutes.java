package dev.switchboard.web.api;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.Secrets;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.QueueStats;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.web.ApiError;
import dev.switchboard.web.BadRequest;
import dev.switchboard.web.FleetProbe;
import dev.switchboard.web.Responses;
import dev.switchboard.web.WebContext;
import dev.switchboard.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code GET /api/v1/messaging/*}: what the fleet is doing. Nothing here changes state. */
public final class ReadRoutes implements WebRoutes {
    private static final String BASE = "/api/v1/messaging";
    private static final int MAX_SCAN = 5_000;

    private final Optional<Secrets> secrets;

    /** @param secrets which secrets are set, for the config view (never their values) */
    public ReadRoutes(Optional<Secrets> secrets) {
        this.secrets = secrets;
    }

    @Override
    public void register(RoutesConfig routes, WebContext web) {
        routes.get(BASE + "/health", ctx -> health(ctx, web));
        routes.get(BASE + "/metrics", ctx -> Responses.json(ctx, 200, metrics(web)));
        routes.get(BASE + "/agents", ctx -> Responses.json(ctx, 200, Map.of("agents", AgentViews.all(web))));
        routes.get(BASE + "/queue", ctx -> queue(ctx, web));
        routes.get(BASE + "/messages/{id}", ctx -> message(ctx, web));
        routes.get(
                BASE + "/timing",
                ctx -> Responses.json(ctx, 200, Map.of("agents", web.fleet().timing())));
        routes.get(BASE + "/config", ctx -> Responses.json(ctx, 200, ConfigView.of(web.config(), secrets)));
    }

    /** One entry per part: the queue, each bridge, each delivery method of each agent. */
    record Part(String part, boolean ok, String detail) {}

    private static void health(Context ctx, WebContext web) {
        List<Part> parts = new ArrayList<>();
        try {
            long seq = web.queue().lastEventSeq();
            parts.add(new Part("queue", true, "readable; last event " + seq));
        } catch (QueueException e) {
            parts.add(new Part("queue", false, "unavailable: " + e.getMessage()));
        }
        for (FleetProbe.BridgeState b : web.fleet().bridges()) {
            parts.add(new Part("bridge:" + b.name(), b.connected(), b.connected() ? "connected" : "disconnected"));
        }
        for (AgentConfig a : web.agents().all()) {
            for (DeliveryMethod m : a.delivery()) {
                String state = web.fleet()
                        .breaker(a.id(), m)
                        .name()
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '-');
                parts.add(new Part("delivery:" + a.id() + ":" + m.key(), !state.equals("open"), "breaker " + state));
            }
        }
        boolean ok = parts.stream().allMatch(Part::ok);
        Responses.json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ok" : "degraded", "parts", parts));
    }

    private static Map<String, Object> metrics(WebContext web) {
        QueueStats stats = web.queue().stats();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("by_state", byState(stats.byState()));
        Map<String, Object> byAgent = new TreeMap<>();
        stats.byAgent().forEach((agent, counts) -> byAgent.put(agent, byState(counts)));
        totals.put("by_agent", byAgent);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", Instant.now());
        out.put("totals", totals);
        out.put("last_hour", web.metrics().window());
        return out;
    }

    private static Map<String, Long> byState(Map<MessageState, Long> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (MessageState s : MessageState.values()) {
            m.put(MessageView.lower(s), counts.getOrDefault(s, 0L));
        }
        return m;
    }

    private static void queue(Context ctx, WebContext web) {
        String agent = null;
        String agentParam = ctx.queryParam("agent");
        if (agentParam != null && !agentParam.isBlank()) {
            agent = web.agents()
                    .resolve(agentParam)
                    .map(AgentConfig::id)
                    .orElseThrow(() -> new BadRequest("unknown agent '" + agentParam + "'"));
        }
        EnumSet<MessageState> states = EnumSet.noneOf(MessageState.class);
        for (String s : csv(ctx.queryParam("state"))) {
            try {
                states.add(MessageState.valueOf(s.toUpperCase(Locale.ROOT).replace(' ', '_')));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("unknown state '" + s + "' (queued, delivering, retry_wait, delivered, read,"
                        + " dead, cancelled)");
            }
        }
        EnumSet<Priority> priorities = EnumSet.noneOf(Priority.class);
        for (String p : csv(ctx.queryParam("priority"))) {
            try {
                priorities.add(Priority.parse(p));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        int limit = intParam(ctx, "limit", 50, 1, 500);
        int offset = intParam(ctx, "offset", 0, 0, MAX_SCAN);
        List<QueuedMessage> scanned =
                web.queue().list(states, agent, priorities.isEmpty() ? offset + limit + 1 : MAX_SCAN);
        List<QueuedMessage> matching = priorities.isEmpty()
                ? scanned
                : scanned.stream()
                        .filter(q -> priorities.contains(q.message().priority()))
                        .toList();
        List<MessageView> page = matching.stream()
                .skip(offset)
                .limit(limit)
                .map(q -> MessageView.of(q, null))
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("more", matching.size() > offset + limit || scanned.size() == MAX_SCAN && !priorities.isEmpty());
        out.put("messages", page);
        Responses.json(ctx, 200, out);
    }

    private static void message(Context ctx, WebContext web) {
        String id = ctx.pathParam("id");
        if (!id.matches("#?[0-9A-Za-z-]{4,64}")) {
            throw new BadRequest(
                    "'" + abbreviate(id) + "' is not a message id (the full id or its short form, e.g. 2af0)");
        }
        String wanted = id.replaceFirst("^#", "");
        QueuedMessage q = web.queue().find(wanted).orElseThrow(() -> new ApiError(404, "no message " + abbreviate(id)));
        var history = web.queue().history(q.id());
        // read again after the history, so the state shown is never older than the history's last entry
        q = web.queue().find(q.id()).orElse(q);
        Responses.json(ctx, 200, MessageView.of(q, history));
    }

    private static List<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.split(",")).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static int intParam(Context ctx, String name, int def, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return def;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
        }
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
