package dev.switchboard.bench;

import dev.switchboard.bot.Main;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds how to start the service for the idle-memory figure: the real launcher {@code ./switchboard} when
 * this code runs from the bench's jar beside it ({@code <root>/bench/target/switchboard-bench.jar}); otherwise (tests run from
 * {@code target/classes}, where the launcher would first rebuild) the same JVM and the launcher's flags on
 * this process's class path.
 */
final class ServiceCommand {
    /** Mirrors the launcher's flags (and, below, its malloc settings) for {@code run}; keep the two in step. */
    static final List<String> RUN_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xms8m",
            "-Xmx64m",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=128m",
            "-Xss512k",
            "-Dfile.encoding=UTF-8");

    private ServiceCommand() {}

    static IdleMemoryBench.RunCommandLine find() {
        Optional<Path> root = launcherRoot();
        if (root.isPresent()) {
            return new IdleMemoryBench.RunCommandLine(
                    List.of(root.get().resolve("switchboard").toString(), "run", "--no-console"),
                    Map.of(),
                    Optional.of(root.get().resolve("bot/target/switchboard.jsa")));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(RUN_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--no-console"));
        return new IdleMemoryBench.RunCommandLine(
                cmd, Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_TRIM_THRESHOLD_", "4194304"), Optional.empty());
    }

    /**
     * How to run one CLI command ({@code status}, {@code send} …): the launcher (with its class-data archive for
     * the CLI) when there is one, else this JVM's class path with the launcher's CLI flags.
     */
    static List<String> cli(List<String> args) {
        List<String> cmd = new ArrayList<>();
        Optional<Path> root = launcherRoot();
        if (root.isPresent()) {
            cmd.add(root.get().resolve("switchboard").toString());
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(CLI_FLAGS);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        }
        cmd.addAll(args);
        return cmd;
    }

    /** The launcher's flags for CLI commands (without its class-data archive). */
    static final List<String> CLI_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xms64m",
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:CompileThresholdScaling=3",
            "-XX:-UsePerfData",
            "-Xss512k",
            "-Dfile.encoding=UTF-8",
            "-Dslf4j.provider=dev.switchboard.bot.logging.CliLogging",
            "-Dslf4j.internal.verbosity=WARN");

    private static Optional<Path> launcherRoot() {
        try {
            Path code = Path.of(BenchMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!code.getFileName().toString().endsWith(".jar") || code.getParent() == null) {
                return Optional.empty();
            }
            Path root = code.toAbsolutePath().getParent().getParent().getParent();
            return root != null && Files.isExecutable(root.resolve("switchboard"))
                    ? Optional.of(root)
                    : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
