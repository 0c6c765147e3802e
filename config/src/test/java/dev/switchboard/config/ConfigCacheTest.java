package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCacheTest {
    /** Every key a config can have, so that every record and type of the config passes through the cache. */
    private static final String FULL = """
            data_dir: ./data
            workspaces: ./ws
            coords_file: coords.json
            layout: 2-agent
            agents:
              - id: Agent-1
                aliases: [a1, frontend]
                tags: [frontend, ui]
                delivery: [gui, inbox]
                inbox: ./elsewhere/inbox
                gui: {input_box: {x: -1399, y: 486}, starter_location_box: {x: -1306, y: 180}, submit: ctrl+enter,
                      watch: {x: -1500, y: 450, w: 300, h: 80}}
              - id: Agent-2
                delivery: [tmux, inbox]
                tmux: {target: "agents:0.1", socket: work, expect: [claude, node]}
              - id: Agent-3
                node: desk-2
            limits: {max_text: 2000, per_user: 3, per_seconds: 5}
            retry: {max_attempts: 4, base_delay_ms: 250, max_delay_ms: 30000, lease_seconds: 20}
            discord:
              prefix: "?"
              guild_id: "123"
              channels: ["456"]
              status_channel: "789"
              operators: {roles: ["1"], users: ["2"]}
              admins: {roles: [], users: ["3"]}
              api_url: http://127.0.0.1:1/api/
              gateway_url: ws://127.0.0.1:1/
            twitch:
              login: mybot
              channels: [mychannel]
              operators: [trusted]
              irc_url: ws://127.0.0.1:2
              auth_url: http://127.0.0.1:3/validate
              greeting: "hello — grüße"
              quotes_file: quotes.txt
              rate_messages: 10
              rate_seconds: 30
              cooldown_seconds: 5
            web: {enabled: false, host: 127.0.0.1, port: 9000}
            broker: {url: "amqp://guest:guest@127.0.0.1:5672/x", heartbeat_seconds: 10, offline_after_seconds: 40}
            onboarding: {templates: ./templates}
            gas:
              watch: false
              scan_seconds: 7
              silence_minutes: 20
              prompts: {keep_going: go on, wrap_up: wrap up, report: report, silent: "are you there?"}
            alerts:
              dead_letters: {count: 3, minutes: 15}
              breaker_open: false
              unread_minutes: 45
              bridge_down_minutes: 6
              check_seconds: 20
            """;

    private static final String COORDS = "{\"2-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 10, \"y\": 20}},"
            + " \"Agent-2\": {\"input_box\": {\"x\": 30, \"y\": 40}}}}";

    @TempDir
    Path dir;

    private ConfigCache cache() {
        return new ConfigCache(dir.resolve("cache"), () -> "build 1");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyKindOfSettingComesBackFromTheCacheAsTheLoaderReadIt() throws IOException {
        // GIVEN a config with every section set, and its coords file
        write("coords.json", COORDS);
        Path file = write("switchboard.yaml", FULL);
        SwitchboardConfig parsed = ConfigLoader.load(file, null);

        // WHEN it is loaded through the cache twice
        ConfigCache.Loaded first = cache().lookUp(file, null);
        ConfigCache.Loaded second = cache().lookUp(file, null);

        // THEN the first reads the YAML, the second the cache, and both equal what the loader makes
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(parsed, first.config());
        assertEquals(parsed, second.config());
        assertEquals("hello — grüße", second.config().twitch().greeting());
    }

    @Test
    void everyComponentTypeOfTheConfigCanBeStored() {
        // A new setting of a type the cache cannot store would silently turn the cache off: fail here instead.
        RecordCodec.checkSupported(SwitchboardConfig.class);
    }

    @Test
    void anEditThatKeepsSizeAndTimeIsStillSeen() throws IOException {
        // GIVEN a cached config
        Path file = write("switchboard.yaml", "agents: [{id: Agent-1}]\n");
        FileTime time = Files.getLastModifiedTime(file);
        assertEquals("Agent-1", cache().load(file, null).agents().get(0).id());

        // WHEN the file is changed to text of the same length, with its old time stamp put back
        Files.writeString(file, "agents: [{id: Agent-7}]\n");
        Files.setLastModifiedTime(file, time);

        // THEN the new text is read
        ConfigCache.Loaded again = cache().lookUp(file, null);
        assertFalse(again.fromCache());
        assertEquals("Agent-7", again.config().agents().get(0).id());
        assertTrue(cache().lookUp(file, null).fromCache());
    }

    @Test
    void aChangedCoordsFileIsReadAgain() throws IOException {
        Path coords = write("coords.json", COORDS);
        Path file = write("switchboard.yaml", "coords_file: coords.json\nlayout: 2-agent\n");
        cache().load(file, null);

        Files.writeString(coords, COORDS.replace("\"x\": 10", "\"x\": 11"));

        ConfigCache.Loaded again = cache().lookUp(file, null);
        assertFalse(again.fromCache());
        assertEquals(
                new ScreenPoint(11, 20), again.config().agents().get(0).gui().inputBox());
    }

    @Test
    void aCoordsFileThatIsGoneGivesTheLoadersError() throws IOException {
        Path coords = write("coords.json", COORDS);
        Path file = write("switchboard.yaml", "coords_file: coords.json\nlayout: 2-agent\n");
        cache().load(file, null);
        Files.delete(coords);

        ConfigException cached = assertThrows(ConfigException.class, () -> cache().load(file, null));
        ConfigException direct = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, null));
        assertEquals(direct.getMessage(), cached.getMessage());
    }

    @Test
    void eachLayoutOverrideHasItsOwnEntry() throws IOException {
        write(
                "coords.json",
                "{\"a\": {\"Agent-1\": {\"input_box\": {\"x\": 1, \"y\": 1}}},"
                        + " \"b\": {\"Agent-1\": {\"input_box\": {\"x\": 2, \"y\": 2}}}}");
        Path file = write("switchboard.yaml", "coords_file: coords.json\nlayout: a\n");
        cache().load(file, null);
        cache().load(file, "b");

        assertEquals(
                1, cache().load(file, null).agents().get(0).gui().inputBox().x());
        assertEquals(2, cache().load(file, "b").agents().get(0).gui().inputBox().x());
        assertTrue(cache().lookUp(file, "b").fromCache());
    }

    @Test
    void aFileThatNoLongerLoadsGivesTheLoadersErrorNotTheOldConfig() throws IOException {
        Path file = write("switchboard.yaml", "agents: [{id: Agent-1}]\n");
        cache().load(file, null);

        Files.writeString(file, "agents: [{id: Agent-1, delivery: [guii]}]\n");

        ConfigException cached = assertThrows(ConfigException.class, () -> cache().load(file, null));
        ConfigException direct = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, null));
        assertEquals(direct.getMessage(), cached.getMessage());
        Files.delete(file);
        assertEquals(
                assertThrows(ConfigException.class, () -> ConfigLoader.load(file, null))
                        .getMessage(),
                assertThrows(ConfigException.class, () -> cache().load(file, null))
                        .getMessage());
    }

    @Test
    void anotherBuildDoesNotTrustTheEntry() throws IOException {
        Path file = write("switchboard.yaml", "agents: [{id: Agent-1}]\n");
        AtomicReference<String> build = new AtomicReference<>("build 1");
        ConfigCache cache = new ConfigCache(dir.resolve("cache"), build::get);
        cache.load(file, null);
        assertTrue(cache.lookUp(file, null).fromCache());

        build.set("build 2");

        assertFalse(cache.lookUp(file, null).fromCache());
        assertTrue(cache.lookUp(file, null).fromCache());
        build.set(null);
        assertFalse(cache.lookUp(file, null).fromCache());
    }

    @Test
    void aDamagedEntryIsReadAgainFromTheYaml() throws IOException {
        Path file = write("switchboard.yaml", FULL.replace("coords_file: coords.json\nlayout: 2-agent\n", ""));
        SwitchboardConfig parsed = ConfigLoader.load(file, null);
        cache().load(file, null);
        Path entry = onlyEntry();
        byte[] good = Files.readAllBytes(entry);

        for (int at : new int[] {0, 9, good.length / 2, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x20;
            Files.write(entry, bad);
            ConfigCache.Loaded loaded = cache().lookUp(file, null);
            assertFalse(loaded.fromCache(), "byte " + at);
            assertEquals(parsed, loaded.config());
        }
        Files.write(entry, java.util.Arrays.copyOf(good, good.length / 3));
        assertEquals(parsed, cache().lookUp(file, null).config());
        Files.write(entry, new byte[0]);
        assertEquals(parsed, cache().lookUp(file, null).config());
        assertTrue(cache().lookUp(file, null).fromCache());
    }

    @Test
    void aCacheFolderThatCannotBeWrittenOnlyCostsTheParse() throws IOException {
        Path file = write("switchboard.yaml", "agents: [{id: Agent-1}]\n");
        Path notAFolder = write("cache-is-a-file", "x");
        ConfigCache cache = new ConfigCache(notAFolder, () -> "build 1");

        assertEquals("Agent-1", cache.load(file, null).agents().get(0).id());
        assertFalse(cache.lookUp(file, null).fromCache());
    }

    @Test
    void theFolderKeepsAtMostItsLimitOfEntries() throws IOException {
        for (int i = 0; i < ConfigCache.MAX_ENTRIES + 5; i++) {
            Path file = write("c" + i + ".yaml", "agents: [{id: Agent-" + i + "}]\n");
            cache().load(file, null);
        }
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertEquals(ConfigCache.MAX_ENTRIES, entries.count());
        }
        // the newest is kept
        Path newest = dir.resolve("c" + (ConfigCache.MAX_ENTRIES + 4) + ".yaml");
        assertTrue(cache().lookUp(newest, null).fromCache());
    }

    @Test
    void theBuildOfThisModuleIsKnown() {
        String build = ConfigCache.buildIdentity();
        assertTrue(build != null && !build.isBlank());
        assertEquals(build, ConfigCache.buildIdentity());
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            List<Path> all = entries.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
