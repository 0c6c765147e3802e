package dev.switchboard.testkit.tmux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A tmux server on its own socket ({@code tmux -L switchboard-<random>}), with one session running a
 * {@link PaneReader}. Closing it kills that server only: never a server someone else started.
 */
public final class PrivateTmuxServer implements AutoCloseable {

    private final String socket;
    private final String target;
    private volatile String socketPath;

    private PrivateTmuxServer(String socket, String target) {
        this.socket = socket;
        this.target = target;
    }

    /** Starts the server and waits (bounded) until the reader shows its prompt. */
    public static PrivateTmuxServer startWithReader(Path submittedFile) throws IOException, InterruptedException {
        String socket = "switchboard-" + UUID.randomUUID().toString().substring(0, 8);
        PrivateTmuxServer server = new PrivateTmuxServer(socket, "agents:0.0");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath;
        try {
            classpath = Path.of(PaneReader.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        String command = quote(java) + " -Xmx64m -XX:TieredStopAtLevel=1 -cp " + quote(classpath) + " "
                + PaneReader.class.getName() + " " + quote(submittedFile.toString());
        TmuxCall.Result r = TmuxCall.run(
                socket, "-f", "/dev/null", "new-session", "-d", "-s", "agents", "-x", "200", "-y", "50", command);
        if (!r.ok()) {
            throw new IOException("cannot start tmux: " + r.reason());
        }
        TmuxCall.Result path = TmuxCall.run(socket, "display-message", "-p", "#{socket_path}");
        server.socketPath = path.ok() ? path.output().strip() : null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            TmuxCall.Result cap = TmuxCall.run(socket, "capture-pane", "-p", "-t", server.target);
            if (cap.ok() && cap.output().contains("ready>")) {
                return server;
            }
            Thread.sleep(50);
        }
        server.close();
        throw new IOException("the pane reader did not start within 30 s");
    }

    public String socket() {
        return socket;
    }

    /** {@code session:window.pane} of the reader. */
    public String target() {
        return target;
    }

    /** What the pane shows now (its visible rows and history), or the reason tmux gave for not answering. */
    public String capture() {
        try {
            return TmuxCall.run(socket, "capture-pane", "-p", "-t", target, "-S", "-2000")
                    .output();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** Presses keys in the pane as a user at the keyboard would, by tmux key names ({@code C-u}, {@code Enter}). */
    public void sendKeys(String... keys) throws IOException, InterruptedException {
        String[] args = new String[keys.length + 3];
        args[0] = "send-keys";
        args[1] = "-t";
        args[2] = target;
        System.arraycopy(keys, 0, args, 3, keys.length);
        TmuxCall.Result r = TmuxCall.run(socket, args);
        if (!r.ok()) {
            throw new IOException("tmux send-keys failed: " + r.reason());
        }
    }

    @Override
    public void close() {
        // An interrupt must not leave our server running: clear it for the kill, then set it again.
        boolean interrupted = Thread.interrupted();
        try {
            TmuxCall.run(socket, "kill-server");
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // tmux leaves its socket file behind; it is ours (a random name), so tidy it.
        if (socketPath != null && !socketPath.isEmpty()) {
            try {
                java.nio.file.Files.deleteIfExists(Path.of(socketPath));
            } catch (IOException e) {
                // A leftover socket file is harmless: a later server on the same name replaces it.
            }
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
