package dev.switchboard.core.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigOverrides;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.config.SwitchboardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits of the config file reach the running service, with the command line's overrides kept, and a file
 * caught mid-save is never applied. The watcher's settle time runs on a clock the tests step by hand, and
 * {@code check()} is called directly: no test depends on how fast this machine is.
 */
class ConfigWatcherTest {
    private static final String THREE_AGENTS = "web: {enabled: false}\nagents: [{id: A}, {id: B}, {id: C}]\n";

    @TempDir
    Path dir;

    private long stamp = System.currentTimeMillis();
    private final AtomicLong nanos = new AtomicLong();
    /** Run when the watcher next reads its clock (just after a poll has looked at the files); then cleared. */
    private volatile Runnable atNextClockRead;

    private Path edit(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        // A later time for each edit: two edits within the file system's time granularity look alike.
        stamp += 5_000;
        Files.setLastModifiedTime(p, FileTime.fromMillis(stamp));
        return p;
    }

    private ConfigWatcher watch(
            Path file, ConfigOverrides overrides, Consumer<SwitchboardConfig> onChange, Consumer<String> onError) {
        return new ConfigWatcher(file, overrides, 3_600_000, onChange, onError, () -> {
            Runnable hook = atNextClockRead;
            atNextClockRead = null;
            if (hook != null) {
                hook.run();
            }
            return nanos.get();
        });
    }

    private void later(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** One poll sees the change, a second one after the settle time loads it. */
    private void settle(ConfigWatcher w) {
        w.check();
        later(ConfigWatcher.SETTLE.toMillis());
        w.check();
    }

    @Test
    void reloadsOnChangeAndKeepsTheOldConfigOnError() throws Exception {
        Path file = edit("switchboard.yaml", "agents: [{id: A}]\n");
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (ConfigWatcher w = watch(file, ConfigOverrides.NONE, seen::add, seen::add)) {
            edit("switchboard.yaml", "agents: [{id: A}, {id: B}]\n");
            settle(w);
            SwitchboardConfig cfg = (SwitchboardConfig) seen.poll();
            assertEquals(2, cfg.agents().size());
            edit("switchboard.yaml", "agents: [{id: A}, {id: \"B/..\"}]\n");
            settle(w);
            assertTrue(seen.poll() instanceof String problem && problem.contains("not a valid name"));
            assertEquals(List.of(), List.copyOf(seen), "one report per change");
        }
    }

    @Test
    void aFileTruncatedByAnEditorMidSaveIsNeverApplied() throws Exception {
        // GIVEN a running config of three agents
        Path file = edit("switchboard.yaml", THREE_AGENTS);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (ConfigWatcher w = watch(file, ConfigOverrides.NONE, seen::add, seen::add)) {
            // WHEN an editor saving in place has truncated the file, and is slow to write it
            edit("switchboard.yaml", "");
            settle(w);
            later(ConfigWatcher.SETTLE.toMillis());
            w.check();

            // THEN the built-in default (eight agents) is not applied; the empty file is reported once
            assertEquals(List.of(file + ": config file is empty; keeping the current config"), List.copyOf(seen));
            seen.clear();

            // WHEN the editor has written the file
            edit("switchboard.yaml", THREE_AGENTS.replace("{id: C}", "{id: C}, {id: D}"));
            settle(w);

            // THEN that is applied
            SwitchboardConfig cfg = assertInstanceOf(SwitchboardConfig.class, seen.poll());
            assertEquals(4, cfg.agents().size());
        }
    }

    @Test
    void aHalfWrittenFileIsNotLoadedWhileItIsStillGrowing() throws Exception {
        // GIVEN a running config of three agents
        Path file = edit("switchboard.yaml", "agents: [{id: A}]\n");
        List<Object> seen = new CopyOnWriteArrayList<>();
        try (ConfigWatcher w = watch(file, ConfigOverrides.NONE, seen::add, seen::add)) {
            // WHEN a poll sees the first half of a save (a valid file: with no agents: it means the default)
            edit("switchboard.yaml", "web: {enabled: false}\n");
            w.check();
            later(ConfigWatcher.SETTLE.toMillis() / 2);
            // and the writer finishes before the settle time is up
            edit("switchboard.yaml", THREE_AGENTS);
            w.check();
            later(ConfigWatcher.SETTLE.toMillis() - 1);
            w.check();
            assertEquals(List.of(), seen, "loaded before the file had stayed the same for the settle time");
            later(1);
            w.check();

            // THEN only the whole file was applied
            assertEquals(1, seen.size(), "applied: " + seen);
            assertEquals(
                    3,
                    assertInstanceOf(SwitchboardConfig.class, seen.get(0))
                            .agents()
                            .size());
        }
    }

    @Test
    void aFileThatChangesWhileItIsBeingLoadedIsNotAppliedUntilItSettles() throws Exception {
        // GIVEN a running config of one agent, and a change that has settled
        Path file = edit("switchboard.yaml", "agents: [{id: A}]\n");
        List<Object> seen = new CopyOnWriteArrayList<>();
        try (ConfigWatcher w = watch(file, ConfigOverrides.NONE, seen::add, seen::add)) {
            edit("switchboard.yaml", "agents: [{id: A}, {id: B}]\n");
            w.check();
            later(ConfigWatcher.SETTLE.toMillis());
            // WHEN an editor truncates and starts writing the file just after the poll looked at it
            atNextClockRead = () -> {
                try {
                    edit("switchboard.yaml", "web: {enabled: false}\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            w.check();

            // THEN what it loaded is not applied
            assertEquals(List.of(), seen, "a file read while it changed was applied");

            // and once the editor is done and the file has settled, that is applied
            edit("switchboard.yaml", THREE_AGENTS);
            settle(w);
            assertEquals(1, seen.size(), "applied: " + seen);
            assertEquals(
                    3,
                    assertInstanceOf(SwitchboardConfig.class, seen.get(0))
                            .agents()
                            .size());
        }
    }

    @Test
    void aReloadThatThrowsDoesNotStopLaterReloads() throws Exception {
        // GIVEN a service whose first reload fails with a bug (not a config error), polling on its own thread
        // with the real clock
        Path file = edit("switchboard.yaml", "agents: [{id: A}]\n");
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<SwitchboardConfig> applied = new LinkedBlockingQueue<>();
        try (ConfigWatcher w = new ConfigWatcher(
                file,
                ConfigOverrides.NONE,
                20,
                cfg -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("a bug while applying the config");
                    }
                    applied.add(cfg);
                },
                problem -> {})) {
            // WHEN the file is edited twice (each a truncate and a write, which the poll may catch halfway)
            edit("switchboard.yaml", "agents: [{id: A}, {id: B}]\n");
            waitUntil(() -> calls.get() >= 1);
            edit("switchboard.yaml", "agents: [{id: A}, {id: B}, {id: C}]\n");

            // THEN the second edit is applied, and nothing else (no default from a file caught empty)
            SwitchboardConfig cfg = applied.poll(60, TimeUnit.SECONDS);
            assertEquals(3, cfg == null ? -1 : cfg.agents().size(), "the second edit was not applied");
            w.close();
            assertEquals(List.of(), List.copyOf(applied), "applied after the second edit");
        }
    }

    @Test
    void aReloadKeepsTheCommandLinesLayoutAndDataDir() throws Exception {
        // GIVEN a coords file with two layouts, the file choosing one and the command line the other
        edit(
                "coords.json",
                "{\"8-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 1, \"y\": 2}}},"
                        + " \"2-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 100, \"y\": 200}}}}");
        Path file = edit("switchboard.yaml", "coords_file: coords.json\nlayout: 8-agent\n");
        Path dataDir = dir.resolve("from-the-command-line");
        ConfigOverrides overrides = new ConfigOverrides("2-agent", dataDir);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (ConfigWatcher w = watch(file, overrides, seen::add, seen::add)) {
            // WHEN the file is edited (its layout line untouched)
            edit("switchboard.yaml", "coords_file: coords.json\nlayout: 8-agent\nlimits: {max_text: 100}\n");
            settle(w);

            // THEN the reloaded config still has the command line's layout and data folder
            SwitchboardConfig cfg = (SwitchboardConfig) seen.poll();
            assertEquals(100, cfg.limits().maxText());
            assertEquals("2-agent", cfg.layout());
            assertEquals(new ScreenPoint(100, 200), cfg.agents().get(0).gui().inputBox());
            assertEquals(dataDir, cfg.dataDir());
        }
    }

    /** Waits for an event that must come; the deadline only keeps a broken watcher from hanging the build. */
    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 60 s");
            Thread.sleep(10);
        }
    }
}
