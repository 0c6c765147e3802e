package dev.switchboard.delivery.tmux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the {@code tmux} command line against one server (the default one, or {@code -L socket}). */
public final class TmuxClient {

    /** One tmux call never legitimately takes this long; a hung server must not hang a delivery worker. */
    static final long TIMEOUT_MS = 10_000;

    private final String socket;

    /** @param socket a {@code -L} socket name, or null for the default server */
    public TmuxClient(String socket) {
        this.socket = socket == null || socket.isBlank() ? null : socket;
    }

    /** What one call returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of stderr, or the exit code: for one-line failure reasons. */
        public String reason() {
            String first = stderr.strip().lines().findFirst().orElse("");
            return first.isEmpty() ? "tmux exited with " + exitCode : first;
        }
    }

    public Result run(String... args) throws InterruptedException {
        return runWithInput(null, args);
    }

    /** Runs {@code tmux [-L socket] args…} with {@code stdin} (UTF-8) as its standard input, if not null. */
    public Result runWithInput(String stdin, String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("tmux");
        if (socket != null) {
            cmd.add("-L");
            cmd.add(socket);
        }
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            return new Result(127, "", "cannot run tmux: " + e.getMessage());
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // tmux closed its input early; its exit code and stderr below say why.
            }
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(124, "", "tmux did not answer within " + TIMEOUT_MS + " ms");
            }
            return new Result(
                    p.exitValue(),
                    out.get(TIMEOUT_MS, TimeUnit.MILLISECONDS),
                    err.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            return new Result(125, "", "reading tmux output failed: " + e.getMessage());
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
