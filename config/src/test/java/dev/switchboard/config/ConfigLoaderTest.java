package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void noFileGivesTheSafeDefaultRootedAtTheWorkingDirectory() {
        SwitchboardConfig cfg = ConfigLoader.loadOrDefault(null, Map.of(), dir, null);
        assertEquals(8, cfg.agents().size());
        assertEquals("Agent-1", cfg.agents().get(0).id());
        assertEquals(List.of(DeliveryMethod.INBOX), cfg.agents().get(7).delivery());
        assertEquals(dir.resolve("switchboard-data"), cfg.dataDir());
        assertEquals(
                dir.resolve("agent_workspaces/Agent-3/inbox"),
                cfg.inboxOf(cfg.agents().get(2)));
        assertEquals("127.0.0.1", cfg.web().host());
        assertNull(cfg.source());
    }

    @Test
    void locateOrderIsFlagThenEnvironmentThenLocalFile() throws IOException {
        Path local = write("switchboard.yaml", "agents: [{id: A}]\n");
        assertEquals(
                Optional.of(Path.of("x.yaml")),
                ConfigLoader.locate(Path.of("x.yaml"), Map.of("SWITCHBOARD_CONFIG", "y.yaml"), dir));
        assertEquals(
                Optional.of(Path.of("y.yaml")), ConfigLoader.locate(null, Map.of("SWITCHBOARD_CONFIG", "y.yaml"), dir));
        assertEquals(Optional.of(local), ConfigLoader.locate(null, Map.of(), dir));
    }

    @Test
    void fullFileIsReadWithSnakeCaseKeysAndRelativePathsFromItsFolder() throws IOException {
        Path file = write("switchboard.yaml", """
                data_dir: ./data
                workspaces: ./ws
                agents:
                  - id: Agent-1
                    aliases: [a1, frontend]
                    tags: [frontend, ui]
                    delivery: [gui, inbox]
                    gui: {input_box: {x: -1399, y: 486}, starter_location_box: {x: -1306, y: 180}, submit: ctrl+enter}
                  - id: Agent-2
                    delivery: [tmux, inbox]
                    tmux: {target: "agents:0.1"}
                limits: {max_text: 2000, per_user: 3, per_seconds: 5}
                discord:
                  prefix: "?"
                  guild_id: "123"
                  channels: ["456"]
                  operators: {roles: ["1"], users: []}
                twitch:
                  login: mybot
                  channels: [mychannel]
                web: {host: 127.0.0.1, port: 9000}
                """);
        SwitchboardConfig cfg = ConfigLoader.load(file);
        assertEquals(dir.resolve("data"), cfg.dataDir());
        AgentConfig a1 = cfg.agents().get(0);
        assertEquals(List.of("a1", "frontend"), a1.aliases());
        assertEquals(new ScreenPoint(-1399, 486), a1.gui().inputBox());
        assertEquals("ctrl+enter", a1.gui().submit());
        assertEquals("agents:0.1", cfg.agents().get(1).tmux().target());
        assertEquals(2000, cfg.limits().maxText());
        assertEquals("?", cfg.discord().prefix());
        assertEquals(List.of("1"), cfg.discord().operators().roles());
        assertEquals("https://discord.com/api/v10/", cfg.discord().apiUrl());
        assertEquals(9000, cfg.web().port());
        assertEquals(file.toAbsolutePath(), cfg.source());
    }

    @Test
    void onboardingTemplatesAndGasPromptsAreReadWithDefaultsForWhatIsLeftOut() throws IOException {
        Path file = write("switchboard.yaml", """
                onboarding: {templates: ./templates}
                gas:
                  silence_minutes: 10
                  prompts: {wrap_up: "finish {task}"}
                """);
        SwitchboardConfig cfg = ConfigLoader.load(file);
        assertEquals(
                dir.resolve("templates").toAbsolutePath().normalize(),
                cfg.onboarding().templates());
        assertEquals(10, cfg.gas().silenceMinutes());
        assertEquals(5, cfg.gas().scanSeconds());
        assertEquals(true, cfg.gas().watch());
        assertEquals("finish {task}", cfg.gas().prompts().wrapUp());
        assertEquals(
                GasConfig.GasPrompts.defaults().report(), cfg.gas().prompts().report());

        Path bad = write("bad.yaml", "gas: {silence_minutes: -1, prompts: {keep_going: \"\"}}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad));
        assertTrue(
                e.getMessage().contains("gas.silence_minutes") && e.getMessage().contains("gas.prompts.keep_going"),
                e.getMessage());
    }

    @Test
    void unknownKeyIsNamedWithItsPathAndTheFile() throws IOException {
        Path file = write("bad.yaml", "agents:\n  - id: A\n    delivry: [inbox]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(
                e.getMessage().startsWith(file.toString() + ": agents[0].delivry: unknown key 'delivry'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("delivery"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void badEnumValueIsNamedWithItsPath() throws IOException {
        Path file = write("bad.yaml", "agents:\n  - id: A\n    delivery: [inbox, guii]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("agents[0].delivery[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown delivery method 'guii'"), e.getMessage());
    }

    @Test
    void wrongTypeIsNamedWithItsPath() throws IOException {
        Path file = write("bad.yaml", "limits: {max_text: lots}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("limits.max_text"), e.getMessage());
    }

    @Test
    void malformedYamlSaysWhere() throws IOException {
        Path file = write("bad.yaml", "agents: [ {id: A\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void pathTricksInAgentNamesAreRefused() throws IOException {
        Path file = write("bad.yaml", "agents:\n  - id: ../../etc\n  - id: ok\n    aliases: [\"a/b\"]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("agents[0].id: '../../etc' is not a valid name"), e.getMessage());
        assertTrue(e.getMessage().contains("agents[1].aliases[0]"), e.getMessage());
    }

    @Test
    void duplicateNamesAcrossIdsAndAliasesAreRefusedCaseInsensitively() throws IOException {
        Path file = write("bad.yaml", "agents:\n  - id: Agent-1\n  - id: Agent-2\n    aliases: [agent-1]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(
                e.getMessage().contains("agents[1].aliases[0]: 'agent-1' is already used by Agent-1"), e.getMessage());
    }

    @Test
    void guiAndTmuxDeliveryNeedTheirSettings() throws IOException {
        Path file = write("bad.yaml", "agents:\n  - id: A\n    delivery: [gui]\n  - id: B\n    delivery: [tmux]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("agents[0].gui.input_box: required"), e.getMessage());
        assertTrue(e.getMessage().contains("agents[1].tmux.target: required"), e.getMessage());
    }

    @Test
    void tmuxExpectIsAnAllowListOfProgramNamesAndAbsentMeansTheShellDefault() throws IOException {
        Path file = write("ok.yaml", """
                agents:
                  - id: A
                    delivery: [tmux, inbox]
                    tmux: {target: "agents:0.1", expect: [claude, codex, node, python3]}
                  - id: B
                    delivery: [tmux]
                    tmux: {target: "agents:0.2"}
                """);
        SwitchboardConfig cfg = ConfigLoader.load(file);
        assertEquals(
                List.of("claude", "codex", "node", "python3"),
                cfg.agents().get(0).tmux().expect());
        assertNull(cfg.agents().get(1).tmux().expect());
    }

    @Test
    void tmuxExpectThatIsEmptyOrAPathIsRefusedWithItsPath() throws IOException {
        Path file = write("bad.yaml", """
                agents:
                  - id: A
                    delivery: [tmux]
                    tmux: {target: "agents:0.1", expect: []}
                  - id: B
                    delivery: [tmux]
                    tmux: {target: "agents:0.2", expect: [claude, /usr/bin/node]}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("agents[0].tmux.expect: empty"), e.getMessage());
        assertTrue(
                e.getMessage().contains("agents[1].tmux.expect[1]: '/usr/bin/node' is not a program name"),
                e.getMessage());
    }

    @Test
    void aWatchAreaIsReadAndMustHoldTheInputBox() throws IOException {
        Path good = write(
                "watch.yaml",
                "agents:\n  - id: A\n    delivery: [gui]\n"
                        + "    gui: {input_box: {x: 300, y: 400}, watch: {x: 100, y: 250, w: 600, h: 220}}\n");
        assertEquals(
                new WatchArea(100, 250, 600, 220),
                ConfigLoader.load(good).agents().get(0).gui().watch());

        Path bad = write(
                "badwatch.yaml",
                "agents:\n  - id: A\n    delivery: [gui]\n"
                        + "    gui: {input_box: {x: 30, y: 40}, watch: {x: 100, y: 250, w: 600, h: 220}}\n"
                        + "  - id: B\n    delivery: [gui]\n"
                        + "    gui: {input_box: {x: 30, y: 40}, watch: {x: 0, y: 0, w: 0, h: 220}}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad));
        assertTrue(e.getMessage().contains("agents[0].gui.watch: must contain gui.input_box (30, 40)"), e.getMessage());
        assertTrue(e.getMessage().contains("agents[1].gui.watch: w and h must be positive"), e.getMessage());
    }

    @Test
    void binaryOrHugeFilesAreRefused() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[2 * 1024 * 1024]);
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(big))
                .getMessage()
                .contains("larger than 1 MiB"));
        Path missing = dir.resolve("nope.yaml");
        assertEquals(
                missing + ": no such file",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(missing))
                        .getMessage());
    }

    @Test
    void coordsFileGivesGuiCoordinatesForTheChosenLayout() throws IOException {
        write("cursor_agent_coords.json", """
                {"2-agent": {"Agent-1": {"input_box": {"x": 100, "y": 200}}},
                 "8-agent": {"Agent-1": {"input_box": {"x": -1399, "y": 486},
                                         "starter_location_box": {"x": -1306, "y": 180}},
                             "Agent-2": {"input_box": {"x": -500, "y": 486}}},
                 "_comment": "metadata keys are skipped"}
                """);
        Path file = write("switchboard.yaml", """
                coords_file: cursor_agent_coords.json
                layout: 8-agent
                agents:
                  - id: agent-1
                    delivery: [gui, inbox]
                  - id: Agent-3
                """);
        SwitchboardConfig cfg = ConfigLoader.load(file);
        assertEquals(new ScreenPoint(-1399, 486), cfg.agents().get(0).gui().inputBox());
        assertEquals(new ScreenPoint(-1306, 180), cfg.agents().get(0).gui().starterLocationBox());
        assertNull(cfg.agents().get(1).gui());

        SwitchboardConfig small = ConfigLoader.load(file, "2-agent");
        assertEquals(new ScreenPoint(100, 200), small.agents().get(0).gui().inputBox());

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, "3-agent"));
        assertTrue(
                e.getMessage().contains("no layout '3-agent' (layouts: 2-agent, 8-agent, _comment)")
                        || e.getMessage().contains("no layout '3-agent' (layouts: 2-agent, 8-agent)"),
                e.getMessage());
    }

    @Test
    void coordsFileAloneDefinesTheAgentsOfItsLayout() throws IOException {
        write(
                "coords.json",
                "{\"4-agent\": {\"Agent-1\": {\"input_box\": {\"x\": 1, \"y\": 2}},"
                        + " \"Agent-2\": {\"input_box\": {\"x\": 3, \"y\": 4}}}}");
        Path file = write("switchboard.yaml", "coords_file: coords.json\nlayout: 4-agent\n");
        SwitchboardConfig cfg = ConfigLoader.load(file);
        assertEquals(
                List.of("Agent-1", "Agent-2"),
                cfg.agents().stream().map(AgentConfig::id).toList());
        assertEquals(
                List.of(DeliveryMethod.GUI, DeliveryMethod.INBOX),
                cfg.agents().get(1).delivery());
    }

    @Test
    void secretsComeFromTheEnvironmentAndNeverPrint() {
        Secrets s = Secrets.from(Map.of(Secrets.DISCORD_TOKEN, "abc.def.ghi", Secrets.TWITCH_TOKEN, " "));
        assertEquals(Optional.of("abc.def.ghi"), s.discordToken());
        assertTrue(s.twitchToken().isEmpty());
        assertFalse(s.toString().contains("abc"), s.toString());
    }

    @Test
    void webCanBeTurnedOffAndDefaultsToLocalhost() throws IOException {
        SwitchboardConfig on = ConfigLoader.load(write("on.yaml", "agents: [{id: A}]\n"));
        assertTrue(on.web().enabled());
        assertEquals(8765, on.web().port());
        SwitchboardConfig off = ConfigLoader.load(write("off.yaml", "web: {enabled: false}\n"));
        assertFalse(off.web().enabled());
        assertEquals("127.0.0.1", off.web().host());
    }

    @Test
    void webHostThatIsNoAddressIsRefusedWithItsPath() throws IOException {
        Path file = write("bad-host.yaml", "web: {host: \"http://example\"}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(
                e.getMessage().contains("web.host: 'http://example' is not a host name or IP address"), e.getMessage());
    }
}
