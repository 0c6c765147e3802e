package dev.switchboard.core.reload;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigOverrides;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.loop.BackgroundLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up edits of the config file while Switchboard runs. It polls the file's modification time and size
 * (a WatchService misses editors that replace the file by rename on some file systems); a file that no
 * longer loads is reported and the running config is kept. Every reload applies the command line's
 * {@link ConfigOverrides}, as the start did.
 *
 * <p>Editors that save in place truncate the file and then write it, so a poll can see it empty or half
 * written; an empty file loads as the built-in default (eight agents, other GUI coordinates). So a change is
 * loaded only once its time and size have stayed the same for {@link #SETTLE}, and applied only if the file
 * read the same before and after loading; an empty file is refused with a warning. At start an empty or
 * absent file still means the default: only a reload refuses it.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    /**
     * How long a changed file must stay unchanged before it is loaded: longer than an editor's truncate and
     * write take, short beside the poll interval (a reload comes one or two polls after the save).
     */
    static final Duration SETTLE = Duration.ofMillis(250);

    private final Path file;
    private final ConfigOverrides overrides;
    private final Consumer<SwitchboardConfig> onChange;
    private final Consumer<String> onError;
    private final BackgroundLoop loop;
    private final LongSupplier nanoTime;
    private final long settleNanos;
    private boolean firstPass = true;
    /** The files as they were when last loaded (or refused): no change, no reload. */
    private List<Stamp> last;
    /** A change seen but not yet loaded, and since when ({@link #nanoTime}) it has looked so; null when none. */
    private List<Stamp> pending;

    private long pendingSince;
    /** The coords file named by the last config that loaded, watched beside it; null when there is none. */
    private volatile Path coordsFile;

    private record Stamp(Path file, FileTime modified, long size) {}

    public ConfigWatcher(
            Path file,
            ConfigOverrides overrides,
            long pollMillis,
            Consumer<SwitchboardConfig> onChange,
            Consumer<String> onError) {
        this(file, overrides, pollMillis, onChange, onError, System::nanoTime);
    }

    /** With {@code nanoTime} as the clock that times {@link #SETTLE}: tests step it by hand. */
    ConfigWatcher(
            Path file,
            ConfigOverrides overrides,
            long pollMillis,
            Consumer<SwitchboardConfig> onChange,
            Consumer<String> onError,
            LongSupplier nanoTime) {
        this.file = file;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.settleNanos = SETTLE.toNanos();
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
        this.loop = BackgroundLoop.named("config-watcher")
                .log(LOG)
                .every(Duration.ofMillis(pollMillis))
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

    /**
     * Reloads if a watched file changed and has since stayed the same for {@link #SETTLE}; a failure of any
     * kind is reported and the next change tried again.
     */
    synchronized void check() {
        List<Stamp> now = stamp();
        if (now.get(0).modified() == null) {
            // Gone for a moment (an editor replacing it by rename): wait for it to come back.
            return;
        }
        if (now.equals(last)) {
            pending = null;
            return;
        }
        long t = nanoTime.getAsLong();
        if (!now.equals(pending)) {
            pending = now;
            pendingSince = t;
            return;
        }
        if (t - pendingSince >= settleNanos) {
            reload(now);
        }
    }

    private void reload(List<Stamp> seen) {
        byte[] before = read(file);
        if (before != null && new String(before, StandardCharsets.UTF_8).isBlank()) {
            // Most likely an editor between truncate and write; the default it would load is never wanted here.
            settled(seen);
            String problem = file + ": config file is empty; keeping the current config";
            LOG.warn("{}", problem);
            onError.accept(problem);
            return;
        }
        try {
            SwitchboardConfig cfg = overrides.load(file);
            if (stillChanging(seen, before)) {
                return;
            }
            settled(seen);
            if (!Objects.equals(cfg.coordsFile(), coordsFile)) {
                coordsFile = cfg.coordsFile();
                last = stamp();
            }
            LOG.info("config reloaded from {}: {} agents", file, cfg.agents().size());
            onChange.accept(cfg);
        } catch (ConfigException e) {
            if (stillChanging(seen, before)) {
                return;
            }
            settled(seen);
            LOG.warn("config change ignored: {}", e.getMessage());
            onError.accept(e.getMessage());
        } catch (RuntimeException e) {
            // Not the file's fault (a bug while applying it): said once, and the next edit is tried again.
            if (pending != null) {
                // Thrown by the loader, not by onChange (which runs after settled(), and may have moved last on
                // to a new coords file: that must stay, or the same change would be applied again and again).
                settled(seen);
            }
            LOG.error("config change could not be applied", e);
            onError.accept("config change could not be applied: " + e);
        }
    }

    /**
     * True if the file changed while it was loaded (a writer still at it): then what was loaded may be half
     * of it, so nothing is applied or reported, and the new state must settle in its turn.
     */
    private boolean stillChanging(List<Stamp> seen, byte[] before) {
        List<Stamp> after = stamp();
        byte[] again = read(file);
        if (after.equals(seen) && before != null && Arrays.equals(before, again)) {
            return false;
        }
        pending = after;
        pendingSince = nanoTime.getAsLong();
        return true;
    }

    private void settled(List<Stamp> seen) {
        last = seen;
        pending = null;
    }

    /** The file's bytes, or null if it cannot be read now (the loader then says why, if it still cannot). */
    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        loop.stop();
    }
}
