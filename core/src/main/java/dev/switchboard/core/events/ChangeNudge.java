package dev.switchboard.core.events;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final Thread thread;

    private ChangeNudge(ServerSocketChannel server, Path socket, Runnable onNudge) {
        this.server = server;
        this.socket = socket;
        this.thread = new Thread(() -> acceptLoop(onNudge), "change-nudge");
        thread.setDaemon(true);
        thread.start();
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

    private void acceptLoop(Runnable onNudge) {
        while (server.isOpen()) {
            try (SocketChannel ignored = server.accept()) {
                onNudge.run();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("wake-up socket: {}", e.toString());
                try {
                    Thread.sleep(100);  // a failing accept (no file descriptors left) must not spin
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            thread.join(2_000);
        } catch (IOException e) {
            LOG.warn("cannot close the wake-up socket: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", socket, e.toString());
        }
    }
}
