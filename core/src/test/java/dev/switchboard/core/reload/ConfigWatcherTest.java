package dev.switchboard.core.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigOverrides;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.config.SwitchboardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits of the config file reach the running service, with the command line's overrides kept. */
class ConfigWatcherTest {
    @TempDir
    Path dir;
    private long stamp = System.currentTimeMillis();

    private Path edit(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        // A later time for each edit: two edits within the file system's time granularity look alike.
        stamp += 5_000;
        Files.setLastModifiedTime(p, FileTime.fromMillis(stamp));
        return p;
    }

    @Test
    void reloadsOnChangeAndKeepsTheOldConfigOnError() throws Exception {
        Path file = edit("switchboard.yaml", "agents: [{id: A}]\n");
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (ConfigWatcher w = new ConfigWatcher(file, ConfigOverrides.NONE, 3_600_000, seen::add, seen::add)) {
            edit("switchboard.yaml", "agents: [{id: A}, {id: B}]\n");
            w.check();
            SwitchboardConfig cfg = (SwitchboardConfig) seen.poll();
            assertEquals(2, cfg.agents().size());
            edit("switchboard.yaml", "agents: [{id: A}, {id: \"B/..\"}]\n");
            w.check();
            assertTrue(seen.poll() instanceof String problem && problem.contains("not a valid name"));
        }
    }

    @Test
    void aReloadThatThrowsDoesNotStopLaterReloads() throws Exception {
        // GIVEN a service whose first reload fails with a bug (not a config error)
        Path file = edit("switchboard.yaml", "agents: [{id: A}]\n");
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<SwitchboardConfig> applied = new LinkedBlockingQueue<>();
        try (ConfigWatcher w = new ConfigWatcher(file, ConfigOverrides.NONE, 20, cfg -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug while applying the config");
            }
            applied.add(cfg);
        }, problem -> { })) {
            // WHEN the file is edited twice, through the watcher's own polling thread
            edit("switchboard.yaml", "agents: [{id: A}, {id: B}]\n");
            waitUntil(() -> calls.get() >= 1);
            edit("switchboard.yaml", "agents: [{id: A}, {id: B}, {id: C}]\n");

            // THEN the second edit is applied
            SwitchboardConfig cfg = applied.poll(10, TimeUnit.SECONDS);
            assertEquals(3, cfg == null ? -1 : cfg.agents().size(), "the second edit was not applied");
        }
    }

    @Test
    void aReloadKeepsTheCommandLinesLayoutAndDataDir() throws Exception {
        // GIVEN a coords file with two layouts, the file choosing one and the command line the other
        edit("coords.json", "{\"8-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 1, \"y\": 2}}},"
                + " \"2-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 100, \"y\": 200}}}}");
        Path file = edit("switchboard.yaml", "coords_file: coords.json\nlayout: 8-agent\n");
        Path dataDir = dir.resolve("from-the-command-line");
        ConfigOverrides overrides = new ConfigOverrides("2-agent", dataDir);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (ConfigWatcher w = new ConfigWatcher(file, overrides, 3_600_000, seen::add, seen::add)) {
            // WHEN the file is edited (its layout line untouched)
            edit("switchboard.yaml", "coords_file: coords.json\nlayout: 8-agent\nlimits: {max_text: 100}\n");
            w.check();

            // THEN the reloaded config still has the command line's layout and data folder
            SwitchboardConfig cfg = (SwitchboardConfig) seen.poll();
            assertEquals(100, cfg.limits().maxText());
            assertEquals("2-agent", cfg.layout());
            assertEquals(new ScreenPoint(100, 200), cfg.agents().get(0).gui().inputBox());
            assertEquals(dataDir, cfg.dataDir());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s");
            Thread.sleep(10);
        }
    }
}
