package dev.switchboard.testkit.tmux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code tmux -L socket …} call for the stand-in's own set-up and tear-down. The testkit keeps its own (and
 * does not borrow delivery's {@code TmuxClient}): delivery's tests use the testkit, so the testkit must not
 * depend on delivery.
 */
final class TmuxCall {
    private static final long TIMEOUT_S = 10;

    private TmuxCall() {}

    /** What one call printed (stdout and stderr together) and whether it succeeded. */
    record Result(boolean ok, String output) {
        /** The first line printed, or a fixed text: for one-line failure reasons. */
        String reason() {
            String first = output.strip().lines().findFirst().orElse("");
            return first.isEmpty() ? "tmux failed" : first;
        }
    }

    static Result run(String socket, String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return new Result(false, "cannot run tmux: " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try (var in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "reading tmux output failed: " + e.getMessage();
            }
        });
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(false, "tmux did not answer within " + TIMEOUT_S + " s");
        }
        return new Result(p.exitValue() == 0, out.join());
    }
}
