package dev.switchboard.core.reload;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigOverrides;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.loop.BackgroundLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up edits of the config file while Switchboard runs. It polls the file's modification time and size
 * (a WatchService misses editors that replace the file by rename on some file systems); a file that no
 * longer loads is reported and the running config is kept. Every reload applies the command line's
 * {@link ConfigOverrides}, as the start did.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final ConfigOverrides overrides;
    private final Consumer<SwitchboardConfig> onChange;
    private final Consumer<String> onError;
    private final BackgroundLoop loop;
    private boolean firstPass = true;
    private List<Stamp> last;
    /** The coords file named by the last config that loaded, watched beside it; null when there is none. */
    private volatile Path coordsFile;

    private record Stamp(Path file, FileTime modified, long size) {
    }

    public ConfigWatcher(Path file, ConfigOverrides overrides, long pollMillis, Consumer<SwitchboardConfig> onChange,
                         Consumer<String> onError) {
        this.file = file;
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.onChange = onChange;
        this.onError = onError;
        try {
            this.coordsFile = overrides.load(file).coordsFile();
        } catch (ConfigException e) {
            // Reported by the first check() after the file changes; until then there is no coords file to watch.
            this.coordsFile = null;
        }
        this.last = stamp();
        this.loop = BackgroundLoop.named("config-watcher").log(LOG).every(Duration.ofMillis(pollMillis))
                .start(this::checkAfterFirstPause);
    }

    /** The first look comes one interval after the start, as every later one (the start has just loaded it). */
    private void checkAfterFirstPause() {
        if (firstPass) {
            firstPass = false;
            return;
        }
        check();
    }

    /** For the supervisor's health check: false once its loop's thread has ended. */
    public boolean isAlive() {
        return loop.alive();
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

    /** Reloads if a watched file changed; a failure of any kind is reported and the next change tried again. */
    synchronized void check() {
        List<Stamp> now = stamp();
        if (Objects.equals(now, last) || now.get(0).modified() == null) {
            return;
        }
        last = now;
        try {
            SwitchboardConfig cfg = overrides.load(file);
            if (!Objects.equals(cfg.coordsFile(), coordsFile)) {
                coordsFile = cfg.coordsFile();
                last = stamp();
            }
            LOG.info("config reloaded from {}: {} agents", file, cfg.agents().size());
            onChange.accept(cfg);
        } catch (ConfigException e) {
            LOG.warn("config change ignored: {}", e.getMessage());
            onError.accept(e.getMessage());
        } catch (RuntimeException e) {
            // Not the file's fault (a bug while applying it): said once, and the next edit is tried again.
            LOG.error("config change could not be applied", e);
            onError.accept("config change could not be applied: " + e);
        }
    }

    @Override
    public void close() {
        loop.stop();
    }
}
