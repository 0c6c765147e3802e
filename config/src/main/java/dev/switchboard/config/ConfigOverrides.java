package dev.switchboard.config;

import java.nio.file.Path;

/**
 * What the command line says over the config file ({@code --layout}, {@code --data-dir}). Start-up and
 * every later reload go through {@link #load(Path)}, so an edit of the file never drops them: a reload that
 * forgot {@code --layout} put GUI clicks on another layout's coordinates.
 *
 * @param layout  the coords file's layout to use instead of {@code layout:}, or null
 * @param dataDir the queue's folder instead of {@code data_dir:}, or null
 */
public record ConfigOverrides(String layout, Path dataDir) {
    public static final ConfigOverrides NONE = new ConfigOverrides(null, null);

    /** Loads and validates {@code file} with these overrides applied. */
    public SwitchboardConfig load(Path file) {
        return apply(ConfigLoader.load(file, layout));
    }

    /** The located file, or the built-in default, with these overrides applied. */
    public SwitchboardConfig loadOrDefault(Path explicit, java.util.Map<String, String> env, Path workingDir) {
        return apply(ConfigLoader.loadOrDefault(explicit, env, workingDir, layout));
    }

    /** {@link #loadOrDefault(Path, java.util.Map, Path)}, a file through {@code cache}. */
    public SwitchboardConfig loadOrDefault(
            Path explicit, java.util.Map<String, String> env, Path workingDir, ConfigCache cache) {
        java.util.Optional<Path> file = ConfigLoader.locate(explicit, env, workingDir);
        return file.isPresent()
                ? apply(cache.load(file.get(), layout))
                : apply(ConfigLoader.builtInDefault(workingDir, layout));
    }

    /** The overrides over {@link ConfigLoader#salvage} of a file that does not load (read-only commands). */
    public SwitchboardConfig salvage(Path file) {
        return apply(ConfigLoader.salvage(file));
    }

    private SwitchboardConfig apply(SwitchboardConfig cfg) {
        return dataDir == null ? cfg : cfg.withDataDir(dataDir.toAbsolutePath().normalize());
    }
}
