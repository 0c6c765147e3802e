package dev.switchboard.bot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real application ({@code dev.switchboard.bot.Main ... run}) in a child JVM, fed chat commands on its
 * standard input. Its standard output is parsed as it comes: a command's reply line is either
 * {@code queued #xxxx for Agent-N (id <uuid>)} (printed only after the message is committed) or an error.
 */
final class SwitchboardProcess {
    static final Pattern QUEUED = Pattern.compile(
            "queued #([0-9a-f]{4}) for (\\S+) \\(id ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\)");
    private static final Pattern FAILED = Pattern.compile("(error|usage error|denied): .*");

    /** One command's answer, in the order the commands were sent. */
    record Reply(String line, String agent, String id) {
        boolean queued() {
            return id != null;
        }
    }

    private final Process process;
    private final OutputStream stdin;
    private final Thread reader;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean bannerSeen;

    private SwitchboardProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::readStdout, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code Main --config <config> --data-dir <dataDir> run} on the given class path. */
    static SwitchboardProcess start(String classPath, Path config, Path dataDir, Path stderrLog) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(classPath, config, dataDir, List.of("run")))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        return new SwitchboardProcess(withCleanEnvironment(pb).start());
    }

    /**
     * Starts a terminal CLI command ({@code send Agent-2 "text"}) on the same data, as a user in a second
     * terminal would; its output goes to {@code output} (stdout and stderr).
     */
    static Process startCli(String classPath, Path config, Path dataDir, List<String> args, Path output)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(classPath, config, dataDir, args))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return withCleanEnvironment(pb).start();
    }

    private static ProcessBuilder withCleanEnvironment(ProcessBuilder pb) {
        pb.environment().remove("SWITCHBOARD_DISCORD_TOKEN");
        pb.environment().remove("SWITCHBOARD_TWITCH_TOKEN");
        pb.environment().remove("SWITCHBOARD_CONFIG");
        return pb;
    }

    private static List<String> command(String classPath, Path config, Path dataDir, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Fast start-up and a small footprint: this JVM is started and killed many times.
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Xms16m",
                "-Xmx128m",
                "-Dfile.encoding=UTF-8",
                "-Dstdout.encoding=UTF-8",
                "-Dsun.stdout.encoding=UTF-8",
                "-D" + UserCacheDir.PROPERTY + "="
                        + System.getProperty(
                                UserCacheDir.PROPERTY,
                                Path.of("target", "user-cache").toAbsolutePath().toString()),
                "-cp",
                classPath,
                Main.class.getName(),
                "--config",
                config.toString(),
                "--data-dir",
                dataDir.toString()));
        cmd.addAll(args);
        return cmd;
    }

    private void readStdout() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("Switchboard running")) {
                    bannerSeen = true;
                }
                Matcher q = QUEUED.matcher(line);
                if (q.matches()) {
                    replies.add(new Reply(line, q.group(2), q.group(3)));
                } else if (FAILED.matcher(line).matches()) {
                    replies.add(new Reply(line, null, null));
                }
            }
        } catch (IOException e) {
            // The pipe breaks when the child is killed: everything it printed before is already read.
            lines.add("<stdout read failed: " + e.getMessage() + ">");
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the start-up banner; false if the child died or did not get there in time. */
    boolean awaitBanner(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!bannerSeen && process.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return bannerSeen;
    }

    /** Writes one chat command (its lines already joined with {@code \}-continuations). */
    void send(String commandText) throws IOException {
        stdin.write((commandText + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next reply, or null after {@code timeoutMillis}. */
    Reply pollReply(long timeoutMillis) throws InterruptedException {
        return replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), then every line it printed. */
    List<Reply> killAndCollect() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " survived SIGKILL for 20 s");
        }
        return drainAfterExit();
    }

    /** Ends its standard input (a clean stop) and waits; @return the exit code */
    int closeInputAndWait(long timeoutMillis) throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not stop within " + timeoutMillis + " ms after end of input");
        }
        drainAfterExit();
        return process.exitValue();
    }

    private List<Reply> drainAfterExit() throws InterruptedException {
        reader.join(10_000);
        List<Reply> rest = new ArrayList<>();
        replies.drainTo(rest);
        return rest;
    }

    List<String> stdoutLines() {
        return List.copyOf(lines);
    }
}
