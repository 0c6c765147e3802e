package dev.switchboard.web;

import io.javalin.http.Context;
import java.util.Map;

/** JSON answers. */
public final class Responses {
    private Responses() {}

    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }

    public static void error(Context ctx, int status, String sentence) {
        json(ctx, status, Map.of("error", sentence));
    }
}
