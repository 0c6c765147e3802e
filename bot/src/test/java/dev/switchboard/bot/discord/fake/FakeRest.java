package dev.switchboard.bot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST routes JDA calls, on the JDK's HTTP server. Each request is recorded (see {@link RestCall}) and
 * answered the way Discord does, with JSON objects complete enough for JDA to parse.
 */
final class FakeRest {
    private static final String BASE = "/api/v10/";
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("webhooks/(\\d+)/([^/]+)(/messages/.+)?");
    private static final Pattern GUILD_COMMANDS = Pattern.compile("applications/(\\d+)/guilds/(\\d+)/commands");

    private final FakeDiscord discord;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-discord-rest");
        t.setDaemon(true);
        return t;
    });
    private final List<RestCall> calls = new ArrayList<>();

    FakeRest(FakeDiscord discord) throws IOException {
        this.discord = discord;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext(BASE, this::handle);
        server.setExecutor(executor);
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE;
    }

    synchronized List<RestCall> calls() {
        return List.copyOf(calls);
    }

    /** Waits for the first recorded call that matches; fails the test with what was seen if none comes. */
    synchronized RestCall await(Predicate<RestCall> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (RestCall c : calls) {
                if (match.test(c)) {
                    return c;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; REST calls seen:\n"
                        + String.join(
                                "\n", calls.stream().map(RestCall::toString).toList()));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until {@code count} calls match. */
    synchronized List<RestCall> awaitCount(Predicate<RestCall> match, int count, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RestCall> matching = calls.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + count + " x " + what
                        + "; got " + matching.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private synchronized RestCall record(String method, String path, JsonNode body) {
        RestCall call = new RestCall(calls.size() + 1, method, path, body);
        calls.add(call);
        notifyAll();
        return call;
    }

    /** A reply: status and JSON body (null for no content). */
    private record Answer(int status, JsonNode body) {}

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath().substring(BASE.length());
            String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            JsonNode body = readBody(
                    exchange.getRequestBody(), exchange.getRequestHeaders().getFirst("Content-Type"));
            String expected = discord.token();
            Answer answer = expected != null
                            && !("Bot " + expected)
                                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    ? new Answer(
                            401,
                            DiscordJson.object()
                                    .put("message", "401: Unauthorized")
                                    .put("code", 0))
                    : route(method, path, body);
            // recorded once its effect (e.g. registered commands) is visible, before the client sees the answer
            record(method, path, body);
            if (answer.body() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                json(exchange, answer.status(), answer.body());
            }
        }
    }

    private Answer route(String method, String path, JsonNode body) {
        Matcher m;
        if (method.equals("GET") && path.equals("users/@me")) {
            return new Answer(200, DiscordJson.user(FakeDiscord.BOT_ID, FakeDiscord.BOT_NAME, true));
        } else if (GUILD_COMMANDS.matcher(path).matches()) {
            return new Answer(200, discord.registerCommands(method, body));
        } else if ((m = CHANNEL_MESSAGES.matcher(path)).matches() && method.equals("POST")) {
            return new Answer(200, discord.botMessage(Long.parseLong(m.group(1)), body));
        } else if (path.matches("channels/\\d+/messages/\\d+/reactions/.+/@me")) {
            return new Answer(204, null);
        } else if (path.matches("interactions/\\d+/[^/]+/callback")) {
            return new Answer(204, null);
        } else if (WEBHOOK_MESSAGE.matcher(path).matches()) {
            return new Answer(200, discord.botMessage(FakeDiscord.CHANNEL_ID, body));
        }
        return new Answer(
                404, DiscordJson.object().put("message", "404: Not Found").put("code", 0));
    }

    private static JsonNode readBody(InputStream in, String contentType) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            return multipart(bytes, contentType.replaceFirst(".*boundary=\"?([^\";]+)\"?.*", "$1"));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("{") || text.startsWith("[")) {
            return DiscordJson.MAPPER.readTree(text);
        }
        // multipart (files) is not used by the bridge; keep the raw text for diagnosis
        return DiscordJson.MAPPER.getNodeFactory().textNode(text);
    }

    /**
     * A message with files (as JDA sends them): the {@code payload_json} part as the body, plus {@code _files}:
     * each file's {@code filename} and its bytes in {@code base64}.
     */
    private static JsonNode multipart(byte[] bytes, String boundary) throws IOException {
        String all = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: binary parts survive
        com.fasterxml.jackson.databind.node.ObjectNode body = DiscordJson.object();
        com.fasterxml.jackson.databind.node.ArrayNode files = DiscordJson.MAPPER.createArrayNode();
        for (String part : all.split("--" + Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String content = part.substring(split + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            byte[] data = content.getBytes(StandardCharsets.ISO_8859_1);
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (headers.contains("name=\"payload_json\"")) {
                JsonNode payload = DiscordJson.MAPPER.readTree(new String(data, StandardCharsets.UTF_8));
                payload.fields().forEachRemaining(e -> body.set(e.getKey(), e.getValue()));
            } else if (file.find()) {
                files.add(DiscordJson.object()
                        .put("filename", file.group(1))
                        .put("base64", java.util.Base64.getEncoder().encodeToString(data)));
            }
        }
        body.set("_files", files);
        return body;
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
