package dev.switchboard.bot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of {@code /api/v1/events} that parses the stream as the SSE spec says (id, event, data lines). */
final class SseReader implements AutoCloseable {
    record Event(String id, String event, JsonNode data) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<java.io.InputStream> response;
    private final Thread thread;
    private final int status;

    SseReader(HttpClient http, URI uri, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        thread = new Thread(this::read, "sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    int status() {
        return status;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, event, JSON.readTree(data.toString())));
                    }
                    id = null;
                    event = "message";
                    data.setLength(0);
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" ->
                            data.append(data.length() > 0 ? "\n" : "").append(value);
                        default -> {}
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
    }

    /** The next event, waiting up to {@code timeout}; null if none came. */
    Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
        thread.interrupt();
    }
}
