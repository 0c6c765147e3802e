package dev.switchboard.web;

import dev.switchboard.commands.CommandSet;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.WebConfig;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.web.api.ReadRoutes;
import dev.switchboard.web.api.WriteRoutes;
import dev.switchboard.web.events.EventStream;
import dev.switchboard.web.metrics.FleetMetrics;
import dev.switchboard.web.metrics.PrometheusMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server of {@code switchboard run}: the JSON API, {@code GET /api/v1/events} (SSE), {@code GET
 * /metrics} (Prometheus) and the dashboard at {@code /}. Every request passes one gate first: the Host check
 * (against DNS rebinding while on loopback) and the token check (writes always; reads too when listening beyond
 * loopback). No CORS headers are ever sent, so other sites' pages cannot read or write through a browser.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final long KEEP_ALIVE_MILLIS = 15_000;

    private final Javalin javalin;
    private final WebContext context;

    private WebServer(Javalin javalin, WebContext context) {
        this.javalin = javalin;
        this.context = context;
    }

    /**
     * Starts serving.
     *
     * @param extra route groups of other parts (alerts, snapshots …), registered after the built-in ones
     * @throws IllegalStateException when the host is not loopback and no token is set, or the port is taken
     */
    public static WebServer start(
            WebConfig cfg,
            CommandSet commands,
            EventBus bus,
            FleetProbe fleet,
            Secrets secrets,
            List<WebRoutes> extra) {
        ApiAuth.checkCanServe(cfg.host(), secrets.apiToken());
        ApiAuth auth = ApiAuth.forHost(cfg.host(), secrets.apiToken());
        EventStream events = new EventStream(commands.services().queue(), bus, KEEP_ALIVE_MILLIS);
        PrometheusMetrics prometheus = new PrometheusMetrics(
                commands.services().queue(), commands.services().agents(), fleet);
        FleetMetrics metrics = new FleetMetrics(commands.services().queue(), bus, Clock.systemUTC(), prometheus);
        WebContext web = new WebContext(commands, fleet, events, metrics, prometheus, auth);
        List<WebRoutes> groups = new ArrayList<>(
                List.of(new ReadRoutes(Optional.of(secrets)), new WriteRoutes(), new StreamRoutes(), new Dashboard()));
        groups.addAll(extra);
        HostCheck hosts = new HostCheck(cfg.host());
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = cfg.host();
            config.jetty.port = cfg.port();
            QueuedThreadPool pool = new QueuedThreadPool(24, 2, 60_000);
            pool.setName("web");
            config.jetty.threadPool = pool;
            config.http.maxRequestSize = Json.MAX_BODY * 2L; // our own reader answers 400 past 64 KB
            config.staticFiles.enableWebjars();
            config.routes.before(ctx -> gate(ctx, auth, hosts));
            config.routes.exception(BadRequest.class, (e, ctx) -> Responses.error(ctx, 400, e.getMessage()));
            config.routes.exception(ApiError.class, (e, ctx) -> Responses.error(ctx, e.status(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                String request;
                try {
                    request = ctx.method() + " " + ctx.path();
                } catch (RuntimeException gone) {
                    // the client went away (an event stream closed): there is nobody left to answer
                    LOG.debug("web: request ended before its answer: {}", e.toString());
                    return;
                }
                LOG.error("web: {} failed", request, e);
                Responses.error(ctx, 500, "internal error; the log has the details");
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    Responses.error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            for (WebRoutes g : groups) {
                g.register(config.routes, web);
            }
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            events.close();
            metrics.close();
            throw new IllegalStateException(
                    "cannot serve the web page on " + cfg.host() + ":" + cfg.port() + ": " + rootMessage(e), e);
        }
        LOG.info(
                "web: dashboard and API on http://{}:{}/ (writes {}; reads {})",
                cfg.host(),
                javalin.port(),
                auth.writesEnabled() ? "need the API token" : "off: no SWITCHBOARD_API_TOKEN",
                auth.readsNeedToken() ? "need the API token" : "open on loopback");
        return new WebServer(javalin, web);
    }

    /** Host check, then the token: GET/HEAD are reads, everything else is a write. */
    private static void gate(Context ctx, ApiAuth auth, HostCheck hosts) {
        if (!hosts.allows(ctx.header("Host"))) {
            throw new ApiError(
                    403, "this server answers only to its own address; open it as http://" + hosts.example() + "/");
        }
        boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (read && (!auth.readsNeedToken() || Dashboard.isPublic(ctx.path()))) {
            return;
        }
        switch (auth.check(ctx.header("Authorization"))) {
            case ALLOWED -> {}
            case NO_TOKEN_CONFIGURED ->
                throw new ApiError(
                        403,
                        "writes are turned off: no API token is configured "
                                + "(set SWITCHBOARD_API_TOKEN and restart switchboard run)");
            case MISSING -> {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiError(401, "this needs the API token: send Authorization: Bearer <token>");
            }
            case WRONG -> {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                throw new ApiError(401, "the API token is wrong");
            }
        }
    }

    /** {@code GET /api/v1/events} and {@code GET /metrics}. */
    private static final class StreamRoutes implements WebRoutes {
        @Override
        public void register(io.javalin.config.RoutesConfig routes, WebContext web) {
            SseHandler sse = new SseHandler(web.events()::serve);
            routes.get("/api/v1/events", ctx -> {
                // a bad Last-Event-ID is a 400 before the stream starts, not an error inside it
                EventStream.checkResumeId(ctx.header("Last-Event-ID"), ctx.queryParam("after"));
                String accept = ctx.header("Accept");
                if (accept == null || !accept.contains("text/event-stream")) {
                    throw new BadRequest("this is a Server-Sent Events stream: send Accept: text/event-stream");
                }
                sse.handle(ctx);
            });
            routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(web.prometheus().scrape()));
        }
    }

    public int port() {
        return javalin.port();
    }

    public WebContext context() {
        return context;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        context.events().close();
        context.metrics().close();
        javalin.stop();
    }
}
