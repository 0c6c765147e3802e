package dev.switchboard.delivery.gui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-agent GUI timing and input box measured by {@code switchboard calibrate}, kept as
 * {@code <data_dir>/gui-timing.json}: {@code {"Agent-1": {"click_settle_ms": …, "paste_timeout_ms": …, …,
 * "box": {"watch": {"x", "y", "width", "height"}, "empty_look": {"width", "height", "pixels"}}}}}, where
 * {@code pixels} is the empty box's look (ARGB, deflated, Base64). Written atomically.
 */
public final class TimingStore {

    public static final String FILE_NAME = "gui-timing.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public TimingStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The stored timing of an agent, if it was calibrated. An unreadable file is an error, not "none". */
    public synchronized Optional<GuiTiming> get(String agentId) {
        ObjectNode entry = readTree().get(agentId);
        return entry == null || !entry.has("paste_timeout_ms")
                ? Optional.empty()
                : Optional.of(convert(entry, GuiTiming.class));
    }

    /** The stored input box of an agent (watch rectangle and empty look), if it was calibrated. */
    synchronized Optional<BoxLook> box(String agentId) {
        ObjectNode entry = readTree().get(agentId);
        if (entry == null || !entry.has("box")) {
            return Optional.empty();
        }
        StoredBox b = convert(entry.get("box"), StoredBox.class);
        try {
            return Optional.of(new BoxLook(
                    b.watch(),
                    Look.decode(
                            b.emptyLook().width(),
                            b.emptyLook().height(),
                            b.emptyLook().pixels())));
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(
                    file + ": damaged input box of " + agentId + " (" + e.getMessage()
                            + "); run switchboard calibrate again",
                    new IOException(e));
        }
    }

    public synchronized Map<String, GuiTiming> readAll() {
        Map<String, GuiTiming> out = new TreeMap<>();
        readTree().forEach((agent, entry) -> {
            if (entry.has("paste_timeout_ms")) {
                out.put(agent, convert(entry, GuiTiming.class));
            }
        });
        return out;
    }

    public synchronized void put(String agentId, GuiTiming timing) {
        Map<String, ObjectNode> all = readTree();
        ObjectNode entry = JSON.valueToTree(timing);
        ObjectNode old = all.get(agentId);
        if (old != null && old.has("box")) {
            entry.set("box", old.get("box"));
        }
        all.put(agentId, entry);
        write(all);
    }

    /** Stores an agent's calibrated input box beside its timing. */
    synchronized void putBox(String agentId, BoxLook box) {
        Map<String, ObjectNode> all = readTree();
        ObjectNode entry = all.computeIfAbsent(agentId, k -> JSON.createObjectNode());
        entry.set(
                "box",
                JSON.valueToTree(new StoredBox(
                        box.watch(),
                        new StoredLook(
                                box.empty().width(),
                                box.empty().height(),
                                box.empty().encodePixels()))));
        write(all);
    }

    private record StoredLook(int width, int height, String pixels) {}

    private record StoredBox(Region watch, StoredLook emptyLook) {}

    private <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    file + ": unreadable GUI timing file (" + e.getMessage()
                            + "); delete it and run switchboard calibrate again",
                    e);
        }
    }

    private Map<String, ObjectNode> readTree() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, ObjectNode>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    file + ": unreadable GUI timing file (" + e.getMessage()
                            + "); delete it and run switchboard calibrate again",
                    e);
        }
    }

    private void write(Map<String, ObjectNode> all) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(all)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
