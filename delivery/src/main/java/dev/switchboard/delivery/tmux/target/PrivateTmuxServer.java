package dev.switchboard.delivery.tmux.target;

import dev.switchboard.delivery.tmux.TmuxClient;
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
    private final TmuxClient client;
    private volatile String socketPath;

    private PrivateTmuxServer(String socket, String target) {
        this.socket = socket;
        this.target = target;
        this.client = new TmuxClient(socket);
    }

    /** Starts the server and waits (bounded) until the reader shows its prompt. */
    public static PrivateTmuxServer startWithReader(Path submittedFile) throws IOException, InterruptedException {
        String socket = "switchboard-" + UUID.randomUUID().toString().substring(0, 8);
        PrivateTmuxServer server = new PrivateTmuxServer(socket, "agents:0.0");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath;
        try {
            classpath = Path.of(PaneReader.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        String command = quote(java) + " -Xmx64m -XX:TieredStopAtLevel=1 -cp " + quote(classpath) + " "
                + PaneReader.class.getName() + " " + quote(submittedFile.toString());
        TmuxClient.Result r = server.client.run("-f", "/dev/null", "new-session", "-d", "-s", "agents", "-x", "200",
                "-y", "50", command);
        if (!r.ok()) {
            throw new IOException("cannot start tmux: " + r.reason());
        }
        TmuxClient.Result path = server.client.run("display-message", "-p", "#{socket_path}");
        server.socketPath = path.ok() ? path.stdout().strip() : null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            TmuxClient.Result cap = server.client.run("capture-pane", "-p", "-t", server.target);
            if (cap.ok() && cap.stdout().contains("ready>")) {
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

    public TmuxClient client() {
        return client;
    }

    @Override
    public void close() {
        // An interrupt must not leave our server running: clear it for the kill, then set it again.
        boolean interrupted = Thread.interrupted();
        try {
            client.run("kill-server");
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
