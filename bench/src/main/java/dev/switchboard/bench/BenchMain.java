package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench}: the benchmark's own entry point, in a jar of its own beside bot's, which the launcher
 * runs for {@code bench}. It is not a subcommand of {@code bot}'s {@code Main}: the bench measures bot (and runs the
 * testkit's stand-ins), so bot cannot depend on it.
 */
@Command(
        name = "switchboard bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure throughput and latency against this machine's raw disk limits; prints JSON.",
            "Takes a few minutes (a 1,000,000-row queue is built); progress goes to stderr.",
            "Works in a temporary folder (deleted afterwards); does not touch your queue."
        })
public final class BenchMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "A smaller run (seconds, 100,000 rows): a smoke test, not the figures.")
    boolean quick;

    @Option(names = "--out", paramLabel = "<file>", description = "Also write the JSON report to this file.")
    Path out;

    @Option(
            names = "--dir",
            paramLabel = "<dir>",
            description = "Where to work: the disk measured (default: the system temp folder).")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "<part>",
            description = "Measure only these parts (comma-separated: gui, gui_browser, tmux, cli), without the queue"
                    + " and disk figures (and their targets).")
    List<String> only;

    @Option(
            names = "--broker",
            paramLabel = "<url>",
            description = "Also measure scale-out (hub -> RabbitMQ -> 2 nodes -> inbox) on this broker, e.g."
                    + " amqp://guest:guest@127.0.0.1:5672/bench (a vhost of its own).")
    String broker;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the benchmark as {@code switchboard bench args…} would and returns its exit code. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setExpandAtFiles(false);
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ObjectNode report;
        List<String> unknown = only == null
                ? List.of()
                : only.stream().filter(k -> !Bench.parts().contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--only: no part " + String.join(", ", unknown) + " (parts: " + String.join(", ", Bench.parts())
                            + ")");
        }
        try {
            report = only == null || only.isEmpty()
                    ? Bench.run(quick, dir.toAbsolutePath(), System.err, broker)
                    : Bench.runOnly(quick, dir.toAbsolutePath(), System.err, only);
        } catch (IllegalStateException e) {
            stderr.println("bench failed: " + e.getMessage());
            return 1;
        }
        String json = Bench.json(report);
        stdout.println(json);
        stdout.flush();
        if (out != null) {
            Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
        }
        // A missed target is a finding, not a failure of the command: the report says which.
        return 0;
    }
}
