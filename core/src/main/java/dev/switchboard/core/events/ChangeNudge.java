package dev.switchboard.core.events;

import dev.switchboard.core.loop.BackgroundLoop;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the running service at once that another process (the CLI's {@code send}, {@code ack},
 * {@code queue retry} …) committed a change to the queue, so that it does not wait for its next poll (up to a
 * quarter of a second) to deliver or report it. The service listens on a Unix socket in the data directory;
 * the CLI connects once after its commit. A connection carries no data: the service re-reads the queue, which
 * stays the only source of truth, so a lost or forged nudge costs one early look and nothing else.
 */
public final class ChangeNudge implements AutoCloseable {
    public static final String FILE = "wake.sock";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNudge.class);
    /** Unix socket paths are limited to 107 bytes on Linux; a longer data dir falls back to polling. */
    private static final int MAX_PATH = 100;

    private final ServerSocketChannel server;
    private final Path socket;
    private final BackgroundLoop loop;

    private ChangeNudge(ServerSocketChannel server, Path socket, Runnable onNudge) {
        this.server = server;
        this.socket = socket;
        // A failing accept (no file descriptors left) or a failing wake-up is logged once and retried with
        // back-off, so it neither spins nor ends the listening; the stop closes the socket to end the accept.
        this.loop = BackgroundLoop.named("change-nudge")
                .log(LOG)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .stopWithin(Duration.ofSeconds(2))
                .unblockWith(this::closeServer)
                .start(() -> acceptOne(onNudge));
    }

    /**
     * Listens in {@code dataDir}; the caller must own the data directory (hold its run lock), since a socket
     * file left by a service that was killed is replaced. Returns null when the platform or the path length
     * allows no Unix socket: the service then relies on polling alone.
     */
    public static ChangeNudge listen(Path dataDir, Runnable onNudge) {
        Path socket = dataDir.resolve(FILE).toAbsolutePath();
        if (socket.toString().length() > MAX_PATH) {
            LOG.info("data directory path too long for a wake-up socket; changes from the CLI are seen by polling");
            return null;
        }
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                server.close();
                throw e;
            }
            return new ChangeNudge(server, socket, onNudge);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("no wake-up socket at {} ({}); changes from the CLI are seen by polling", socket, e.toString());
            return null;
        }
    }

    /** Wakes the service using {@code dataDir}, if one listens; returns whether one was reached. */
    public static boolean nudge(Path dataDir) {
        Path socket = dataDir.resolve(FILE).toAbsolutePath();
        if (socket.toString().length() > MAX_PATH || !Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException | UnsupportedOperationException e) {
            // No service (a socket file left by one that was killed): it polls when it starts anyway.
            return false;
        }
    }

    /** Waits for one connection and wakes the service; the connection carries nothing. */
    private void acceptOne(Runnable onNudge) throws IOException {
        try (SocketChannel ignored = server.accept()) {
            onNudge.run();
        }
    }

    private void closeServer() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("cannot close the wake-up socket: {}", e.toString());
        }
    }

    /** False once the listening has ended (closed, or ended some other way). */
    public boolean isAlive() {
        return loop.alive();
    }

    @Override
    public void close() {
        loop.stop();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", socket, e.toString());
        }
    }
}
