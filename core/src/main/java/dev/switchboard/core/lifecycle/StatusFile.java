package dev.switchboard.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <data_dir>/services.json}: the running service's view of its services, rewritten (atomically) on every
 * change, so {@code switchboard status} in another process shows state, uptime and restarts. The writer's pid
 * tells a live file from one left by a service that was killed.
 */
public final class StatusFile {
    public static final String FILE_NAME = "services.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a status file says. */
    public record Snapshot(long pid, Instant written, List<ServiceStatus> services) {
        /** Whether the process that wrote it still runs (same machine: the data dir is local). */
        public boolean writerAlive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private StatusFile() {}

    public static Path in(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    public static void write(Path file, long pid, Instant now, List<ServiceStatus> services) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("pid", pid);
        root.put("written", now.toEpochMilli());
        ArrayNode list = root.putArray("services");
        for (ServiceStatus s : services) {
            ObjectNode n = list.addObject();
            n.put("name", s.name());
            n.put("state", s.state().name());
            putTime(n, "since", s.since());
            n.put("restarts", s.restarts());
            n.put("last_error", s.lastError());
            putTime(n, "retry_at", s.retryAt());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return empty when there is no file (no service has run here) */
    public static Optional<Snapshot> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a services status file");
        }
        List<ServiceStatus> services = new ArrayList<>();
        for (JsonNode n : root.path("services")) {
            ServiceStatus.State state;
            try {
                state = ServiceStatus.State.valueOf(n.path("state").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        file + ": unknown service state '" + n.path("state").asText() + "'", e);
            }
            services.add(new ServiceStatus(
                    n.path("name").asText(),
                    state,
                    time(n, "since"),
                    n.path("restarts").asInt(),
                    n.hasNonNull("last_error") ? n.get("last_error").asText() : null,
                    time(n, "retry_at")));
        }
        return Optional.of(new Snapshot(
                root.path("pid").asLong(),
                Instant.ofEpochMilli(root.path("written").asLong()),
                services));
    }

    private static void putTime(ObjectNode n, String key, Instant t) {
        if (t == null) {
            n.putNull(key);
        } else {
            n.put(key, t.toEpochMilli());
        }
    }

    private static Instant time(JsonNode n, String key) {
        return n.hasNonNull(key) ? Instant.ofEpochMilli(n.get(key).asLong()) : null;
    }
}
