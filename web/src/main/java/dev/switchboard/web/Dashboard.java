package dev.switchboard.web;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.webjars.WebJarVersionLocator;

/**
 * The dashboard: one page at {@code /}, its script and style at {@code /assets/}, uPlot from its WebJar under
 * {@code /webjars/}. No build step and nothing from the internet. The page holds no data (it fetches the API),
 * so it is served without the token even where reads need one; the page asks for the token then.
 */
final class Dashboard implements WebRoutes {
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private final String page;
    private final Map<String, byte[]> assets;

    Dashboard() {
        WebJarVersionLocator webjars = new WebJarVersionLocator();
        page = text("index.html")
                .replace("{{UPLOT_JS}}", "/webjars/" + webjars.path("uplot", "dist/uPlot.iife.min.js"))
                .replace("{{UPLOT_CSS}}", "/webjars/" + webjars.path("uplot", "dist/uPlot.min.css"));
        assets = Map.of("dashboard.js", bytes("dashboard.js"), "dashboard.css", bytes("dashboard.css"));
    }

    static boolean isPublic(String path) {
        return path.equals("/") || path.startsWith("/assets/") || path.startsWith("/webjars/");
    }

    @Override
    public void register(RoutesConfig routes, WebContext web) {
        routes.get(
                "/",
                ctx -> ctx.contentType("text/html; charset=utf-8")
                        .header(
                                "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data: blob:;"
                                        + " style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                        .header("X-Frame-Options", "DENY")
                        .result(page));
        routes.get("/assets/{file}", ctx -> {
            String file = ctx.pathParam("file");
            byte[] body = assets.get(file);
            if (body == null) {
                throw new ApiError(404, "no such asset: " + file);
            }
            ctx.contentType(ASSETS.get(file)).result(body);
        });
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
