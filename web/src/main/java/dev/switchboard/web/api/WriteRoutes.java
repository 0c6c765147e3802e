package dev.switchboard.web.api;

import dev.switchboard.commands.Reply;
import dev.switchboard.web.BadRequest;
import dev.switchboard.web.Json;
import dev.switchboard.web.Responses;
import dev.switchboard.web.WebContext;
import dev.switchboard.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes. Each runs a command of the one command set, as {@link WebContext#API_CALLER}: the same parsing,
 * validation, authorization and rate limits as chat, and the same answer text. The server has already checked
 * the API token.
 */
public final class WriteRoutes implements WebRoutes {

    /** {@code POST /api/v1/messages}. */
    record SendRequest(String agent, String text, String priority) {}

    /** Bodies of the control endpoints: nothing, or an empty object. */
    record NoFields() {}

    @Override
    public void register(RoutesConfig routes, WebContext web) {
        routes.post("/api/v1/messages", ctx -> send(ctx, web));
        routes.post("/api/v1/messages/{id}/retry", ctx -> control(ctx, web, "queue", "retry", ctx.pathParam("id")));
        routes.post("/api/v1/messages/{id}/cancel", ctx -> control(ctx, web, "queue", "cancel", ctx.pathParam("id")));
        routes.post("/api/v1/agents/{id}/pause", ctx -> control(ctx, web, "queue", "pause", ctx.pathParam("id")));
        routes.post("/api/v1/agents/{id}/resume", ctx -> control(ctx, web, "queue", "resume", ctx.pathParam("id")));
    }

    private static void send(Context ctx, WebContext web) {
        SendRequest req = Json.read(ctx.bodyInputStream(), SendRequest.class);
        if (req.agent() == null || req.agent().isBlank()) {
            throw new BadRequest("field 'agent' is required: the agent's id or alias");
        }
        if (req.text() == null || req.text().isEmpty()) {
            throw new BadRequest("field 'text' is required: the message to send");
        }
        String priority = req.priority() == null ? "normal" : req.priority();
        Reply reply = web.commands()
                .execute(List.of("msg", "--priority", priority, req.agent(), "--", req.text()), WebContext.API_CALLER);
        answer(ctx, reply, 202);
    }

    private static void control(Context ctx, WebContext web, String... args) {
        if (ctx.contentLength() != 0) {
            Json.readOptional(ctx.bodyInputStream(), NoFields.class);
        }
        answer(ctx, web.commands().execute(List.of(args), WebContext.API_CALLER), 200);
    }

    /** OK → {@code okStatus}; a malformed request → 400; not allowed → 403; could not be done → 422. */
    private static void answer(Context ctx, Reply reply, int okStatus) {
        Map<String, Object> body = new LinkedHashMap<>();
        int status = switch (reply.status()) {
            case OK -> okStatus;
            case USAGE -> 400;
            case DENIED -> 403;
            case ERROR -> 422;
        };
        if (reply.isOk()) {
            body.put("result", reply.title());
            body.put("lines", reply.lines());
            body.put("ids", reply.messageIds());
        } else {
            body.put("error", reply.title());
        }
        Responses.json(ctx, status, body);
    }
}
