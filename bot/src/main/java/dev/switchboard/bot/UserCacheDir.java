package dev.switchboard.bot;

import java.nio.file.Path;
import java.util.Map;

/** This user's cache folder for Switchboard: what can be made again, kept between calls (never in a clone). */
public final class UserCacheDir {
    private UserCacheDir() {}

    /** The system property that names another folder (the tests' keep theirs in {@code target/}). */
    public static final String PROPERTY = "switchboard.cacheDir";

    /** {@value #PROPERTY}, else {@code $XDG_CACHE_HOME/switchboard}, else {@code ~/.cache/switchboard}. */
    public static Path of(Map<String, String> env) {
        String own = System.getProperty(PROPERTY);
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String cache = env.get("XDG_CACHE_HOME");
        Path base =
                cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("switchboard");
    }
}
