package dev.switchboard.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bot.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's line editor on a real terminal: {@code switchboard run} in a child JVM inside a pane of a
 * private tmux server, driven by {@code send-keys} and read by {@code capture-pane}, as a person types.
 */
class ConsoleTerminalTest {
    private static final long WAIT_MS = 90_000;

    @TempDir
    Path dir;

    private final String socket = "sb-console-" + ProcessHandle.current().pid();

    @AfterEach
    void stopTmux() throws Exception {
        tmux("kill-server");
    }

    @Test
    @Timeout(300)
    void historyCompletionAndStatusLinesAboveWhatIsBeingTyped() throws Exception {
        requireTmux();
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "agents: [{id: Agent-1, aliases: [one]}, {id: Agent-2}]\n");
        Path script = dir.resolve("run.sh");
        // The application's own class path, as the launcher runs it: no test classes (nor their logback-test.xml).
        String appClassPath = java.util.Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').endsWith("/test-classes") && !e.endsWith("-tests.jar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Files.writeString(
                script,
                "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                        + appClassPath + "' " + Main.class.getName() + " --config '" + config
                        + "' run; echo EXITED $?; sleep 60\n");
        assertEquals(0, tmux("new-session", "-d", "-x", "160", "-y", "50", "-c", dir.toString(), "bash " + script));
        await("the prompt", s -> lastLine(s).equals("switchboard>")); // capture-pane drops trailing spaces

        // One round trip first: the terminal's answers to the editor's start-up queries arrive after the first
        // prompt, and keys typed before them would be mixed in
        keys("Enter");
        await(
                "a second prompt",
                s -> s.split("switchboard>", -1).length > 2 && lastLine(s).equals("switchboard>"));

        // Tab completes agent names
        keys("msg Ag", "Tab");
        // The common prefix is inserted; the editor may also list the two candidates below the line
        await("completion of Agent-", s -> lastPrompt(s).startsWith("switchboard> msg Agent-"));
        keys("1 hello there", "Enter");
        await("delivered", s -> s.contains("Agent-1: delivered (inbox, verified)"));

        // A line ending in a backslash continues below; the newline is kept
        keys("msg Agent-1 first\\", "Enter");
        keys("second", "Enter");
        await(
                "the continued message",
                s -> s.matches("(?s).*queued #\\w{4} for Agent-1.*queued #\\w{4} for Agent-1.*"));

        // Status lines of a CLI send are printed above the line being typed, which stays as it was
        keys("msg Agent-2 half typed");
        await("the half line", s -> lastLine(s).equals("switchboard> msg Agent-2 half typed"));
        StringWriter cli = new StringWriter();
        assertEquals(
                0,
                Main.execute(
                        new PrintWriter(cli, true),
                        new PrintWriter(cli, true),
                        "--config",
                        config.toString(),
                        "send",
                        "Agent-2",
                        "from the cli"),
                cli.toString());
        await(
                "the CLI's message above the prompt",
                s -> s.contains("Agent-2: delivered (inbox, verified) · from cli")
                        && lastLine(s).equals("switchboard> msg Agent-2 half typed"));

        // Ctrl-R finds the earlier line in the history
        keys("C-u", "C-r", "hello");
        await("history search", s -> s.contains("msg Agent-1 hello there"));
        keys("C-g", "C-u", "C-d");
        await("a clean stop", s -> s.contains("EXITED 0"));
        String history = Files.readString(
                dir.resolve("switchboard-data").resolve(JLineConsoleIo.HISTORY_FILE), StandardCharsets.UTF_8);
        assertTrue(history.contains("msg Agent-1 hello there"), history);
    }

    /** The last line the prompt is on (lines listed below it, such as completion candidates, left out). */
    private static String lastPrompt(String screen) {
        List<String> lines =
                screen.lines().filter(l -> l.startsWith("switchboard>")).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).stripTrailing();
    }

    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).stripTrailing();
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "0"));
        for (String k : keys) {
            if (k.matches("Tab|Enter|C-.")) {
                args.add(k);
            } else {
                args.addAll(List.of("-l", k));
                assertEquals(0, tmux(args.toArray(String[]::new)));
                args = new ArrayList<>(List.of("send-keys", "-t", "0"));
                continue;
            }
            assertEquals(0, tmux(args.toArray(String[]::new)));
            args = new ArrayList<>(List.of("send-keys", "-t", "0"));
        }
    }

    private void await(String what, Predicate<String> screen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = capture();
            if (screen.test(last)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("no " + what + " on the terminal within " + WAIT_MS + " ms; it shows:\n" + last);
    }

    private String capture() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-t", "0").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private int tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static void requireTmux() {
        boolean available;
        try {
            available = new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        String required = System.getenv("SWITCHBOARD_REQUIRE_TOOLS");
        if (!available && required != null && !required.isBlank() && !required.equals("0")) {
            fail(
                    "tmux is not installed, and SWITCHBOARD_REQUIRE_TOOLS is set (./switchboard test must run every test)");
        }
        assumeTrue(available, "terminal test skipped: tmux is not installed (see scripts/test-packages.txt)");
    }
}
