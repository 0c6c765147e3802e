package dev.switchboard.testkit.gui;

import dev.switchboard.config.ScreenPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ChatBoxTarget} running in a child JVM (its own clipboard client, like a real agent's app), started on
 * a given display. Closing it ends the child.
 */
public final class TargetProcess implements AutoCloseable {

    private static final long START_TIMEOUT_S = 30;

    private final Process process;
    private final ScreenPoint inputBox;
    private final ScreenPoint newChatButton;
    private final Path out;

    private TargetProcess(Process process, ScreenPoint inputBox, ScreenPoint newChatButton, Path out) {
        this.process = process;
        this.inputBox = inputBox;
        this.newChatButton = newChatButton;
        this.out = out;
    }

    /**
     * Starts a target and waits until its window is shown.
     *
     * @param display X display for the child ({@code :99}), or null to inherit this process's
     * @param submit  its submit chord, or {@code none} for a box where Enter only adds a line
     */
    public static TargetProcess start(String display, Path out, int x, int y, String submit) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath;
        try {
            classpath = Path.of(ChatBoxTarget.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate the target's classes: " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Dsun.java2d.xrender=false",
                "-Xmx96m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                ChatBoxTarget.class.getName(),
                "--out",
                out.toString(),
                "--x",
                Integer.toString(x),
                "--y",
                Integer.toString(y),
                "--submit",
                submit));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (display != null) {
            Map<String, String> env = pb.environment();
            env.put("DISPLAY", display);
        }
        Process p = pb.start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readReady(p));
        try {
            String line = ready.get(START_TIMEOUT_S, TimeUnit.SECONDS);
            String[] parts = line.split(" ");
            return new TargetProcess(
                    p,
                    new ScreenPoint(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])),
                    new ScreenPoint(Integer.parseInt(parts[3]), Integer.parseInt(parts[4])),
                    out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the target window", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            p.destroyForcibly();
            throw new IOException("target window did not start: " + e.getMessage(), e);
        }
    }

    private static String readReady(Process p) {
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("READY ")) {
                    return line;
                }
            }
            throw new IllegalStateException("target exited with code " + p.waitFor() + " before it was ready");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The screen point of the target's text input (for {@code gui.input_box}). */
    public ScreenPoint inputBox() {
        return inputBox;
    }

    /** The screen point of its "New chat" button (for {@code gui.starter_location_box}). */
    public ScreenPoint newChatButton() {
        return newChatButton;
    }

    /** How many times "New chat" was clicked. */
    public int newChats() throws IOException {
        return SubmittedLog.read(ChatBoxTarget.eventsFile(out)).size();
    }

    /** Every text the target saw submitted, in order. */
    public List<String> submitted() throws IOException {
        return SubmittedLog.read(out);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the target (its window disappears) and waits for it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Its stdin is already gone; destroy below still ends it.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
