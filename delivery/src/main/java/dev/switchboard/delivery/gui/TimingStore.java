package dev.switchboard.delivery.gui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * Per-agent GUI timing measured by {@code switchboard calibrate}, kept as {@code <data_dir>/gui-timing.json}
 * ({@code {"Agent-1": {"click_settle_ms": …, "paste_timeout_ms": …, …}}}). Written atomically.
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
        return Optional.ofNullable(readAll().get(agentId));
    }

    public synchronized Map<String, GuiTiming> readAll() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, GuiTiming>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": unreadable GUI timing file (" + e.getMessage()
                    + "); delete it and run switchboard calibrate again", e);
        }
    }

    public synchronized void put(String agentId, GuiTiming timing) {
        Map<String, GuiTiming> all = readAll();
        all.put(agentId, timing);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
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
