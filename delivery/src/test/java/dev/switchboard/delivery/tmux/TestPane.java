package dev.switchboard.delivery.tmux;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A pane on a private tmux server ({@code -L}), started as a user starts one: an interactive shell, in which
 * programs are typed. Closing it kills that server only.
 */
final class TestPane implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TARGET = "agents:0.0";

    final String socket = "sb-test-" + UUID.randomUUID().toString().substring(0, 8);
    final TmuxClient tmux = new TmuxClient(socket);

    private TestPane() {}

    /** A pane running {@code command} directly (no shell around it), kept when it exits. */
    static TestPane running(String command) throws InterruptedException {
        TestPane pane = new TestPane();
        pane.ok(pane.tmux.run(
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "agents",
                "-x",
                "200",
                "-y",
                "50",
                command,
                ";",
                "set-option",
                "-t",
                "agents",
                "remain-on-exit",
                "on"));
        return pane;
    }

    /** A pane showing an interactive bash prompt (no rc files, no history file). */
    static TestPane shell() throws InterruptedException {
        TestPane pane = running("env HISTFILE=/dev/null PS1='$ ' bash --norc --noprofile -i");
        try {
            pane.awaitCommand("bash");
            // capture-pane drops trailing spaces: the prompt shows as "$".
            Await.until(WAIT, () -> pane.capture().strip().endsWith("$"), () -> "no prompt: " + pane.capture());
            return pane;
        } catch (RuntimeException | AssertionError e) {
            pane.close();
            throw e;
        }
    }

    /** Starts the prompt_toolkit chat app from the shell, as a user would type it, and waits for its prompt. */
    void startChatApp(Path submitted) throws InterruptedException {
        type("/usr/bin/python3 " + quote(resource("/tui/chat_tui.py").toString()) + " " + quote(submitted.toString()));
        awaitCommand("python3");
        Await.until(WAIT, () -> capture().strip().endsWith("chat>"), () -> "no chat prompt: " + capture());
    }

    AgentConfig agent(String id, List<String> expect) {
        return new AgentConfig(
                id,
                List.of(),
                List.of(),
                List.of(DeliveryMethod.TMUX, DeliveryMethod.INBOX),
                null,
                null,
                new TmuxConfig(TARGET, socket, expect));
    }

    /** Types a line and Enter, as a user at the keyboard. */
    void type(String line) throws InterruptedException {
        ok(tmux.run("send-keys", "-t", TARGET, "-l", line, ";", "send-keys", "-t", TARGET, "Enter"));
    }

    String command() {
        return show("#{pane_current_command}");
    }

    void awaitCommand(String name) {
        Await.until(WAIT, () -> name.equals(command()), () -> "the pane runs " + command() + ", not " + name);
    }

    String capture() {
        try {
            return tmux.run("capture-pane", "-p", "-t", TARGET, "-S", "-2000").stdout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the pane's foreground program (SIGKILL, as a crash), leaving the shell it was started from. */
    void killForegroundProgram() {
        long shell = Long.parseLong(show("#{pane_pid}").strip());
        ProcessHandle.of(shell).orElseThrow().children().forEach(ProcessHandle::destroyForcibly);
    }

    String show(String format) {
        try {
            return tmux.run("display-message", "-p", "-t", TARGET, format)
                    .stdout()
                    .strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(TestPane.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void ok(TmuxClient.Result r) {
        if (!r.ok()) {
            throw new UncheckedIOException(new IOException("tmux: " + r.reason()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        String path = show("#{socket_path}");
        tmux.run("kill-server");
        if (!path.isEmpty()) {
            try {
                java.nio.file.Files.deleteIfExists(Path.of(path)); // ours (a random name): tidy it
            } catch (IOException e) {
                // a leftover socket file is harmless
            }
        }
    }
}
