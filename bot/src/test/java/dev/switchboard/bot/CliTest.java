package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal CLI on a real data directory, as a user types it. */
class CliTest {
    @TempDir
    Path dir;

    private Path config;

    private CliRun run(String... args) {
        return CliRun.of(config, args);
    }

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("switchboard.yaml");
        Files.writeString(config, """
                agents:
                  - id: Agent-1
                    aliases: [a1]
                  - id: Agent-2
                """);
    }

    @Test
    void sendListStatusAndCancelOnTheSameData() {
        CliRun sent = run("send", "a1", "rerun", "the tests");
        assertEquals(0, sent.code(), sent.err());
        Matcher m = Pattern.compile("queued #(\\w{4}) for Agent-1 \\(id ([0-9a-f-]{36})\\)")
                .matcher(sent.out());
        assertTrue(m.find(), sent.out());
        assertTrue(sent.out().contains("no 'switchboard run' is using"), "says nobody delivers yet: " + sent.out());
        String shortId = m.group(1);
        String id = m.group(2);

        CliRun list = run("queue", "list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("#" + shortId + "  Agent-1  queued  normal  \"rerun the tests\""), list.out());

        CliRun status = run("status", id);
        assertTrue(status.out().startsWith("#" + shortId + " → Agent-1: queued"), status.out());

        assertEquals(0, run("queue", "cancel", shortId).code());
        CliRun ack = run("ack", shortId);
        assertEquals(1, ack.code());
        assertTrue(ack.err().contains("is cancelled; it cannot become read"), ack.err());
    }

    @Test
    void errorsAreOneLineWithExitCodes() {
        CliRun unknown = run("send", "Agnet-2", "hi");
        assertEquals(1, unknown.code());
        assertEquals(
                "error: unknown agent 'Agnet-2' — did you mean Agent-2?",
                unknown.err().strip());

        // Empty text: the same line as in the console
        CliRun usage = run("send", "Agent-2");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("usage error: the message text is empty"), usage.err());
        assertEquals(usage.err(), run("send", "Agent-2", "").err());

        CliRun notUtf8 = run("send", "Agent-2", "caf\uFFFD");
        assertEquals(2, notUtf8.code());
        assertEquals(
                "error: argument 5 is not valid UTF-8 text; nothing was done",
                notUtf8.err().strip());

        CliRun agents = run("agents");
        assertEquals(0, agents.code());
        assertTrue(agents.out().contains("Agent-1 (a1) · inbox · 0 pending · last delivery never"), agents.out());
    }

    @Test
    void textThatLooksLikeOptionsIsSentExactly() throws IOException {
        String frontMatter = "---\ntitle: plan\n---\nbody";
        for (String[] c : new String[][] {
            {frontMatter, frontMatter}, {"-x", "-x"}, {"  two leading spaces", "  two leading spaces"}
        }) {
            CliRun r = run("send", "Agent-2", c[0]);
            assertEquals(0, r.code(), r.err());
            assertEquals(c[1], bodyOf(r));
        }
        // "--" ends the options, so the text may start with --help; -p after the agent is still an option
        CliRun help = run("send", "Agent-2", "-p", "high", "--", "--help", "me");
        assertEquals(0, help.code(), help.err());
        assertEquals("--help me", bodyOf(help));
        assertTrue(run("status", shortId(help)).out().contains("high"), "priority high");
        // --help right after the agent is text too; right after the command it is help
        assertEquals("--help", bodyOf(run("send", "Agent-2", "--help")));
        assertTrue(run("send", "--help").out().contains("Usage: msg"));
    }

    private static String shortId(CliRun r) {
        Matcher m = Pattern.compile("queued #(\\w{4})").matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group(1);
    }

    private String bodyOf(CliRun r) throws IOException {
        Matcher m = Pattern.compile("\\(id ([0-9a-f-]{36})\\)").matcher(r.out());
        assertTrue(m.find(), r.out() + r.err());
        try (var files = Files.list(dir.resolve("switchboard-data"))) {
            assertTrue(files.findAny().isPresent());
        }
        try (var queue = dev.switchboard.core.queue.SqliteMessageQueue.open(
                dir.resolve("switchboard-data"), 3, new dev.switchboard.core.queue.Backoff(10, 100))) {
            return queue.find(m.group(1)).orElseThrow().message().body();
        }
    }

    @Test
    void configCheckReportsProblemsWithFieldPaths() throws IOException {
        CliRun ok = run("config", "check");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("agents:     2"), ok.out());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "agents:\n  - id: A\n    delivery: [gui]\n");
        CliRun invalid = run("config", "check", bad.toString());
        assertEquals(1, invalid.code());
        assertTrue(invalid.err().contains("agents[0].gui.input_box: required"), invalid.err());

        Files.writeString(config, "agents: [{id: A, nonsense: 1}]\n");
        CliRun broken = run("send", "A", "hi"); // read-only commands run on with a warning (CliFaultsTest)
        assertEquals(1, broken.code());
        assertTrue(broken.err().startsWith("config error: "), broken.err());
    }

    @Test
    void helpListsEveryCommand() {
        CliRun help = run("--help");
        assertEquals(0, help.code());
        for (String c : new String[] {"run", "msg, send", "queue", "status", "agents", "ack", "config"}) {
            assertTrue(help.out().contains("  " + c), c + " in " + help.out());
        }
        // The benchmark has its own entry point (module bench, on top of bot); the help names it.
        assertTrue(help.out().contains("Benchmark: switchboard bench [--quick]"), help.out());
        CliRun queueHelp = run("queue", "--help");
        assertTrue(queueHelp.out().contains("purge-dead"), queueHelp.out());
    }
}
