package dev.switchboard.bot.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.message.MessageState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The application as {@code switchboard run} builds it — SQLite queue on disk, the command set, inbox delivery
 * into a temp folder, event pump — with its web server on 127.0.0.1 and a free port, and an HTTP client for it.
 */
final class WebRig implements AutoCloseable {
    static final String TOKEN = "test-token-0f9c1d";
    private static final ObjectMapper JSON = new ObjectMapper();

    final SwitchboardConfig config;
    final App app;
    final URI base;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DataDirLock lock;

    /** Three inbox agents (Agent-2 alias "two"), rate limit {@code perUser} per 10 s, the token set. */
    static WebRig start(Path dir, int perUser) throws IOException {
        return start(dir, perUser, Map.of(Secrets.API_TOKEN, TOKEN));
    }

    static WebRig start(Path dir, int perUser, Map<String, String> env) throws IOException {
        return start(dir, perUser, env, "127.0.0.1");
    }

    /** Listening on {@code host} (e.g. 0.0.0.0), with the token; requests still go to 127.0.0.1. */
    static WebRig startOn(Path dir, String host) throws IOException {
        return start(dir, 100, Map.of(Secrets.API_TOKEN, TOKEN), host);
    }

    private static WebRig start(Path dir, int perUser, Map<String, String> env, String host) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, """
                data_dir: data
                workspaces: agent_workspaces
                agents: [{id: Agent-1}, {id: Agent-2, aliases: [two]}, {id: Agent-3}]
                limits: {max_text: 4000, per_user: %d, per_seconds: 10}
                web: {host: "%s", port: 0}
                """.formatted(perUser, host));
        return new WebRig(ConfigLoader.load(file), Secrets.from(env));
    }

    private WebRig(SwitchboardConfig config, Secrets secrets) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        this.lock = DataDirLock.tryAcquire(config.dataDir()).orElseThrow();
        try {
            this.app =
                    App.startService(config, secrets, new App.Tuning(50, 50, 200, 60_000, 3, Duration.ofSeconds(30)));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        this.base = URI.create("http://127.0.0.1:" + app.webPort().orElseThrow() + "/");
    }

    record Answer(int status, JsonNode json, String body, HttpResponse<String> raw) {
        String error() {
            return json.path("error").asText();
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    Answer post(String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                ? JSON.readTree(r.body())
                : JSON.createObjectNode();
        return new Answer(r.statusCode(), json, r.body(), r);
    }

    /** Sends through the API with the token; returns the new message's id. */
    String sendMessage(String agent, String text) throws IOException, InterruptedException {
        Answer a = post("api/v1/messages", JSON.writeValueAsString(Map.of("agent", agent, "text", text)), TOKEN);
        assertTrue(a.status() == 202, "send answered " + a.status() + ": " + a.body());
        return a.json().path("ids").get(0).asText();
    }

    void awaitState(String id, MessageState state) {
        Await.until(
                Duration.ofSeconds(30),
                () -> app.queue().find(id).map(q -> q.state() == state).orElse(false),
                () -> id + " never reached " + state + "; it is "
                        + app.queue().find(id).map(q -> q.state()));
    }

    /** Counts by state, to show that a refused request changed nothing. */
    Map<MessageState, Long> counts() {
        return new HashMap<>(app.queue().stats().byState());
    }

    static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    @Override
    public void close() {
        app.close();
        lock.close();
    }
}
