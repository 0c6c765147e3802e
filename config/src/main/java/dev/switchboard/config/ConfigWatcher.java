package dev.switchboard.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up edits of the config file while Switchboard runs. It polls the file's modification time and size
 * (a WatchService misses editors that replace the file by rename on some file systems); a file that no
 * longer loads is reported and the running config is kept.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final String layoutOverride;
    private final Consumer<SwitchboardConfig> onChange;
    private final Consumer<String> onError;
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> polling;
    private List<Stamp> last;
    /** The coords file named by the last config that loaded, watched beside it; null when there is none. */
    private volatile Path coordsFile;

    private record Stamp(Path file, FileTime modified, long size) {
    }

    public ConfigWatcher(Path file, String layoutOverride, long pollMillis, Consumer<SwitchboardConfig> onChange,
                         Consumer<String> onError) {
        this.file = file;
        this.layoutOverride = layoutOverride;
        this.onChange = onChange;
        this.onError = onError;
        try {
            this.coordsFile = ConfigLoader.load(file, layoutOverride).coordsFile();
        } catch (ConfigException e) {
            // Reported by the first check() after the file changes; until then there is no coords file to watch.
            this.coordsFile = null;
        }
        this.last = stamp();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "config-watcher");
            t.setDaemon(true);
            return t;
        });
        this.polling = timer.scheduleWithFixedDelay(this::check, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** False once polling has ended: an executor drops a periodic task for good when one run throws. */
    public boolean isAlive() {
        return !polling.isDone();
    }

    /**
     * The config file and, if it names one, the coords file: an edit of either reloads. Only file times and
     * sizes are read here; the files are parsed only when one changed.
     */
    private List<Stamp> stamp() {
        List<Stamp> stamps = new ArrayList<>();
        stamps.add(stampOf(file));
        Path coords = coordsFile;
        if (coords != null) {
            stamps.add(stampOf(coords));
        }
        return stamps;
    }

    private static Stamp stampOf(Path p) {
        try {
            return new Stamp(p, Files.getLastModifiedTime(p), Files.size(p));
        } catch (IOException e) {
            return new Stamp(p, null, -1);
        }
    }

    void check() {
        List<Stamp> now = stamp();
        if (Objects.equals(now, last) || now.get(0).modified() == null) {
            return;
        }
        last = now;
        try {
            SwitchboardConfig cfg = ConfigLoader.load(file, layoutOverride);
            if (!Objects.equals(cfg.coordsFile(), coordsFile)) {
                coordsFile = cfg.coordsFile();
                last = stamp();
            }
            LOG.info("config reloaded from {}: {} agents", file, cfg.agents().size());
            onChange.accept(cfg);
        } catch (ConfigException e) {
            LOG.warn("config change ignored: {}", e.getMessage());
            onError.accept(e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
