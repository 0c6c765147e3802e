package dev.switchboard.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Loaded configs kept between CLI calls: a call whose config file (and coords file) did not change since the
 * last one reads no YAML. Parsing the YAML and building the readers of the config's records was the largest
 * single part of a short CLI call, and every call read the same file again.
 *
 * <p>Only a config that {@link ConfigLoader#load loaded} without error is kept, and it is used again only
 * when everything it was made from is exactly the same: the config file's bytes (compared in full, not by
 * time stamp), the coords file's bytes, {@code --layout}, the file's path (relative paths in it are taken
 * from its folder), and the build of this module (a new build may read the same YAML differently). The
 * result is validated again. Anything else, including a damaged or unreadable cache file, means the file is
 * read as usual; errors are always the loader's own.
 *
 * <p>One file per config path in a folder of the user's own. It is written to a temporary file and renamed
 * over the old one (concurrent calls see a whole file or none); it is not fsynced: a file lost or cut short in
 * a crash fails its checksum and is made again.
 */
public final class ConfigCache {
    private static final int MAGIC = 0x53424343; // "SBCC"
    private static final int FORMAT = 1;
    static final int MAX_ENTRIES = 32;

    private final Path dir;
    private final Supplier<String> build;

    /** @param dir where the cache files go; made when first written */
    public ConfigCache(Path dir) {
        this(dir, ConfigCache::buildIdentity);
    }

    /** @param build what the code reading the YAML is (null: unknown, nothing is cached) */
    ConfigCache(Path dir, Supplier<String> build) {
        this.dir = dir;
        this.build = build;
    }

    /** The same config, or the same {@link ConfigException}, as {@link ConfigLoader#load(Path, String)}. */
    public SwitchboardConfig load(Path file, String layoutOverride) {
        return lookUp(file, layoutOverride).config();
    }

    /** A loaded config, and whether it came from the cache (for the tests). */
    record Loaded(SwitchboardConfig config, boolean fromCache) {}

    Loaded lookUp(Path file, String layoutOverride) {
        Path abs = file.toAbsolutePath().normalize();
        byte[] text;
        try {
            if (!Files.isRegularFile(abs) || Files.size(abs) > ConfigLoader.MAX_FILE_BYTES) {
                // the loader says what is wrong with it
                return new Loaded(ConfigLoader.load(file, layoutOverride), false);
            }
            text = Files.readAllBytes(abs);
        } catch (IOException e) {
            return new Loaded(ConfigLoader.load(file, layoutOverride), false);
        }
        String code = build.get();
        if (code == null) {
            // no way to tell an older build's entry from this one's: keep none
            return new Loaded(ConfigLoader.load(file, layoutOverride), false);
        }
        Path entry = dir.resolve(entryName(abs, layoutOverride));
        SwitchboardConfig cached = read(entry, code, abs, layoutOverride, text);
        if (cached != null) {
            return new Loaded(cached, true);
        }
        SwitchboardConfig loaded = ConfigLoader.load(file, layoutOverride);
        write(entry, code, abs, layoutOverride, text, loaded);
        return new Loaded(loaded, false);
    }

    /** The cached config when everything it was made from is unchanged, else null. */
    private static SwitchboardConfig read(Path entry, String build, Path abs, String layout, byte[] text) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(entry);
        } catch (IOException e) {
            return null; // none yet, or unreadable: the file is loaded as usual and the entry written again
        }
        if (stored.length < Long.BYTES
                || checksum(stored, stored.length - Long.BYTES) != readLong(stored, stored.length - Long.BYTES)) {
            return null;
        }
        try (DataInputStream in =
                new DataInputStream(new ByteArrayInputStream(stored, 0, stored.length - Long.BYTES))) {
            if (in.readInt() != MAGIC
                    || in.readInt() != FORMAT
                    || !build.equals(in.readUTF())
                    || !abs.toString().equals(in.readUTF())
                    || (layout != null) != in.readBoolean()
                    || !(layout == null ? "" : layout).equals(in.readUTF())
                    || !Arrays.equals(text, readBytes(in))) {
                return null;
            }
            String coords = in.readUTF();
            if (!coords.isEmpty() && !Arrays.equals(readFile(Path.of(coords)), readBytes(in))) {
                return null;
            }
            SwitchboardConfig cfg = (SwitchboardConfig) RecordCodec.read(in, SwitchboardConfig.class);
            if (in.available() != 0
                    || !ConfigValidator.validate(cfg).isEmpty()
                    || !String.valueOf(cfg.coordsFile()).equals(coords.isEmpty() ? "null" : coords)) {
                return null;
            }
            return cfg;
        } catch (IOException | RuntimeException e) {
            // A damaged entry (or one a record's constructor now refuses): the YAML is read instead.
            return null;
        }
    }

    private void write(Path entry, String build, Path abs, String layout, byte[] text, SwitchboardConfig cfg) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(build);
            out.writeUTF(abs.toString());
            out.writeBoolean(layout != null);
            out.writeUTF(layout == null ? "" : layout);
            writeBytes(out, text);
            out.writeUTF(cfg.coordsFile() == null ? "" : cfg.coordsFile().toString());
            if (cfg.coordsFile() != null) {
                byte[] coords = readFile(cfg.coordsFile());
                if (coords == null) {
                    return; // gone since it was read: nothing worth keeping
                }
                writeBytes(out, coords);
            }
            RecordCodec.write(out, cfg, SwitchboardConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            return; // not storable: every call reads the YAML, as without a cache
        }
        byte[] body = bytes.toByteArray();
        byte[] whole = Arrays.copyOf(body, body.length + Long.BYTES);
        long crc = checksum(body, body.length);
        for (int i = 0; i < Long.BYTES; i++) {
            whole[body.length + i] = (byte) (crc >>> (56 - 8 * i));
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, entry.getFileName().toString(), ".tmp");
            Files.write(tmp, whole);
            Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            prune(entry);
        } catch (IOException e) {
            // A cache that cannot be written (read-only home, full disk) only costs the next call the parse.
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // A stray temporary file is never read as an entry (its name ends in .tmp).
                }
            }
        }
    }

    /**
     * Keeps the folder small: every config file ever used (a test's temporary one too) leaves an entry, so
     * beyond {@value #MAX_ENTRIES} the least recently written go (an entry still in use is only parsed again).
     */
    private void prune(Path keep) throws IOException {
        List<Path> entries = new java.util.ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "config-*.bin")) {
            all.forEach(entries::add);
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        java.util.Map<Path, Long> written = new java.util.HashMap<>();
        for (Path e : entries) {
            try {
                written.put(e, Files.getLastModifiedTime(e).toMillis());
            } catch (NoSuchFileException gone) {
                written.put(e, Long.MIN_VALUE); // pruned meanwhile by another call
            }
        }
        entries.sort(java.util.Comparator.comparing(written::get));
        for (Path e : entries.subList(0, entries.size() - MAX_ENTRIES)) {
            if (!e.equals(keep)) {
                Files.deleteIfExists(e);
            }
        }
    }

    /** One entry per config file (and --layout): a 64-bit FNV-1a of the path; a clash only costs a parse. */
    static String entryName(Path abs, String layout) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (abs + "\n" + layout).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return "config-" + Long.toHexString(h) + ".bin";
    }

    /**
     * What this module's code is: its jar's path, size and time, or for a classes folder (tests, the IDE) each
     * class file's. A different build may turn the same YAML into a different config. Null when it cannot be
     * told.
     */
    static String buildIdentity() {
        try {
            Path code = Path.of(ConfigCache.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isRegularFile(code)) {
                return stamp(code);
            }
            StringBuilder b = new StringBuilder(code.toString());
            Path pkg = code.resolve(ConfigCache.class.getPackageName().replace('.', '/'));
            try (DirectoryStream<Path> classes = Files.newDirectoryStream(pkg, "*.class")) {
                List<Path> sorted = new java.util.ArrayList<>();
                classes.forEach(sorted::add);
                sorted.sort(null);
                for (Path c : sorted) {
                    b.append('|').append(stamp(c));
                }
            }
            return b.toString();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return file + ":" + a.size() + ":" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("length " + length + " out of range");
        }
        return in.readNBytes(length);
    }

    private static long checksum(byte[] b, int length) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, length);
        return crc.getValue();
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
