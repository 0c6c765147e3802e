package dev.switchboard.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bot.Main;
import dev.switchboard.bot.discord.StatusEmoji;
import dev.switchboard.bot.discord.fake.FakeDiscord;
import dev.switchboard.bot.discord.fake.FakeMember;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application in a child JVM with the production logging set-up (no test logback config), started in
 * one folder with a config that names another data_dir, tokens set in its environment, chatting through a fake
 * Discord. The log must be JSON lines in the configured data_dir, lines about a message must carry its ids,
 * no token may appear anywhere, and neither the service nor a CLI call may leave a folder in the working one.
 */
@Timeout(120)
class ServiceLogTest {
    private static final String DISCORD_TOKEN = "discord-token-never-logged-7d21f0";
    private static final String API_TOKEN = "api-token-never-logged-93ab17";
    private static final FakeMember ALICE = FakeMember.of(1001, "alice", FakeDiscord.OPERATOR_ROLE_ID);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void serviceLogsJsonWithMessageIdsIntoTheConfiguredDataDirAndNeverAToken() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("started-here"));
        Path configDir = Files.createDirectories(dir.resolve("elsewhere"));
        try (FakeDiscord discord =
                new FakeDiscord().addMember(ALICE).requireToken(DISCORD_TOKEN).start()) {
            Path config = configDir.resolve("switchboard.yaml");
            Files.writeString(config, """
                    data_dir: state
                    workspaces: ws
                    agents: [{id: Agent-1}]
                    discord:
                      guild_id: "%d"
                      channels: ["%d"]
                      status_channel: "%d"
                      operators: {roles: ["%d"]}
                      api_url: %s
                      gateway_url: %s
                    """.formatted(
                            FakeDiscord.GUILD_ID,
                            FakeDiscord.CHANNEL_ID,
                            FakeDiscord.STATUS_CHANNEL_ID,
                            FakeDiscord.OPERATOR_ROLE_ID,
                            discord.apiUrl(),
                            discord.gatewayUrl()));
            Path stderr = dir.resolve("stderr.txt");
            Path stdout = dir.resolve("stdout.txt");
            ProcessBuilder pb = new ProcessBuilder(java(config, "run", "--no-console"))
                    .directory(cwd.toFile())
                    .redirectError(stderr.toFile())
                    .redirectOutput(stdout.toFile());
            pb.environment().put("SWITCHBOARD_DISCORD_TOKEN", DISCORD_TOKEN);
            pb.environment().put("SWITCHBOARD_API_TOKEN", API_TOKEN);
            pb.environment().remove("SWITCHBOARD_TWITCH_TOKEN");
            pb.environment().remove("SWITCHBOARD_CONFIG");
            Process child = pb.start();
            try {
                discord.await(c -> c.is("PUT", "applications/\\d+/guilds/\\d+/commands"), WAIT, "slash commands");
                long chat = discord.postMessage(FakeDiscord.CHANNEL_ID, ALICE.id(), "!msg Agent-1 hello from chat");
                discord.await(
                        c -> c.method().equals("PUT")
                                && c.path()
                                        .equals("channels/" + FakeDiscord.CHANNEL_ID + "/messages/" + chat
                                                + "/reactions/" + StatusEmoji.DELIVERED + "/@me"),
                        WAIT,
                        "✅");
            } finally {
                child.destroy(); // SIGTERM: a clean stop through the shutdown hook
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child stopped");
            }

            Path log = configDir.resolve("state").resolve("switchboard.log");
            assertTrue(Files.isRegularFile(log), "log in the configured data_dir: " + Files.readString(stderr));
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                lines.add(json.readTree(line)); // every line is one JSON object
            }
            List<JsonNode> about =
                    lines.stream().filter(l -> l.has("message_id")).toList();
            assertFalse(
                    about.isEmpty(),
                    "no log line carries a message id: " + lines + "\nstderr: " + Files.readString(stderr));
            String id = about.get(0).get("message_id").asText();
            assertTrue(about.stream().allMatch(l -> l.hasNonNull("correlation_id")), about.toString());
            assertTrue(
                    about.stream()
                            .anyMatch(l -> l.get("message").asText().startsWith("delivered to Agent-1")
                                    && l.get("message_id").asText().equals(id)),
                    "delivery line with its id: " + about);
            assertTrue(lines.stream().allMatch(l -> l.has("@timestamp") && l.has("level") && l.has("logger_name")));

            for (Path written : List.of(log, stderr, stdout)) {
                String text = Files.readString(written);
                assertFalse(text.contains(DISCORD_TOKEN) || text.contains(API_TOKEN), "a token in " + written);
            }
            assertEquals(List.of(), list(cwd), "the service left something in the folder it was started in");
        }
    }

    @Test
    void cliCallsLeaveNoFolderBehindAndWriteNoLogFile() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("any-folder"));
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "data_dir: data\nagents: [{id: Agent-1}]\n");
        for (List<String> args : List.of(
                List.of("--help"),
                List.of("config", "check"),
                List.of("agents"),
                List.of("send", "Agent-1", "hi"),
                List.of("queue", "list"))) {
            Path out = dir.resolve("out.txt");
            Process p = new ProcessBuilder(java(config, args.toArray(String[]::new)))
                    .directory(cwd.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), args + ": " + Files.readString(out));
            assertEquals(List.of(), list(cwd), args + " left something in the working folder");
        }
        assertFalse(Files.exists(dir.resolve("data").resolve(LogFiles.FILE_NAME)), "a CLI call wrote the log file");
    }

    @Test
    void withoutAConfigLookingAtTheQueueLeavesNoFolderButASendKeepsItsMessage() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("no-config-here"));
        for (List<String> args : List.of(
                List.of("status"),
                List.of("agents"),
                List.of("queue", "list"),
                List.of("peek", "Agent-1"),
                List.of("send", "Agent-1", ""))) {
            Process p = new ProcessBuilder(java(null, args.toArray(String[]::new)))
                    .directory(cwd.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.txt").toFile())
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(List.of(), list(cwd), args + " left something: " + Files.readString(dir.resolve("out.txt")));
        }
        Process send = new ProcessBuilder(java(null, "send", "Agent-1", "hello"))
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertTrue(send.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, send.exitValue(), Files.readString(dir.resolve("out.txt")));
        assertEquals(List.of("switchboard-data"), list(cwd), "the queued message is kept where the default says");
        assertEquals(List.of("queue.db"), list(cwd.resolve("switchboard-data")));
    }

    private static List<String> java(Path config, String... args) {
        // the application's own classes and dependencies: production logback.xml, not the tests' config
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> e.replace('\\', '/'))
                .filter(e -> !e.endsWith("/test-classes") && !e.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-cp",
                classPath,
                Main.class.getName()));
        if (config != null) {
            cmd.addAll(List.of("--config", config.toString()));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> list(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
