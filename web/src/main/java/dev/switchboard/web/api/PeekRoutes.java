package dev.switchboard.web.api;

import dev.switchboard.commands.Reply;
import dev.switchboard.core.snapshot.Attachment;
import dev.switchboard.web.ApiAuth;
import dev.switchboard.web.ApiError;
import dev.switchboard.web.Responses;
import dev.switchboard.web.WebContext;
import dev.switchboard.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/agents/{id}/peek}: the {@code peek} command of the command set (so the same checks and
 * the same snapshot as in chat). A GUI agent's picture comes back as {@code image/png}; a pane or files as
 * {@code text/plain}. A screen can show anything: this read needs the API token even on loopback.
 */
public final class PeekRoutes implements WebRoutes {
    @Override
    public void register(RoutesConfig routes, WebContext web) {
        routes.get("/api/v1/agents/{id}/peek", ctx -> {
            requireToken(ctx, web.auth());
            Reply reply = web.commands().execute(List.of("peek", ctx.pathParam("id")), WebContext.API_CALLER);
            switch (reply.status()) {
                case OK -> answer(ctx, reply);
                case DENIED -> Responses.error(ctx, 403, reply.title());
                case USAGE -> Responses.error(ctx, 400, reply.title());
                case ERROR ->
                    Responses.error(ctx, reply.title().startsWith("unknown agent") ? 404 : 409, reply.title());
            }
        });
    }

    private static void answer(Context ctx, Reply reply) {
        ctx.header("X-Snapshot-Title", ascii(reply.title()));
        for (Attachment a : reply.attachments()) {
            if (!a.isText()) {
                ctx.status(200)
                        .contentType(a.mediaType())
                        .header("Cache-Control", "no-store")
                        .result(a.content());
                return;
            }
        }
        List<String> out = new ArrayList<>();
        out.add(reply.title());
        out.addAll(reply.lines());
        for (Attachment a : reply.attachments()) {
            out.add("");
            out.add("── " + a.fileName() + " ──");
            out.add(a.text().stripTrailing());
        }
        ctx.status(200)
                .contentType("text/plain; charset=utf-8")
                .header("Cache-Control", "no-store")
                .result(String.join("\n", out) + "\n");
    }

    private static void requireToken(Context ctx, ApiAuth auth) {
        switch (auth.check(ctx.header("Authorization"))) {
            case ALLOWED -> {}
            case NO_TOKEN_CONFIGURED ->
                throw new ApiError(
                        403,
                        "peek is turned off: no API token is configured "
                                + "(set SWITCHBOARD_API_TOKEN and restart switchboard run); a screen can show anything");
            case MISSING -> {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiError(401, "peek needs the API token: send Authorization: Bearer <token>");
            }
            case WRONG -> {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                throw new ApiError(401, "the API token is wrong");
            }
        }
    }

    /** Header values must be ASCII: the title without its middle dots and arrows. */
    private static String ascii(String s) {
        return s.replace('·', '-').replace('×', 'x').replaceAll("[^\\x20-\\x7e]", "?");
    }
}
