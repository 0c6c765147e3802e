package dev.switchboard.bot;

import dev.switchboard.bot.cli.CalibrateCommand;
import dev.switchboard.bot.cli.CliArchive;
import dev.switchboard.bot.cli.CliWarmUp;
import dev.switchboard.bot.cli.CommandSetBridge;
import dev.switchboard.bot.cli.ConfigCommand;
import dev.switchboard.bot.cli.NodeCommand;
import dev.switchboard.bot.cli.RunCommand;
import dev.switchboard.commands.CommandCatalog;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.config.ConfigCache;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ConfigOverrides;
import dev.switchboard.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard}: the service ({@code run}) and, beside it, the terminal CLI on the same data
 * ({@code send}, {@code queue}, {@code status}, {@code agents}, {@code ack} … — the same commands as chat).
 * No static logger here: logging must not start before the data directory (where the log goes) is known.
 */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Talk to a fleet of AI coding agents from chat.",
            "",
            "Commands that act on messages (send, queue, status, agents, ack …) work beside a running"
                    + " 'switchboard run', on the same data."
        },
        footer = {
            "",
            "Config: --config, else $SWITCHBOARD_CONFIG, else ./switchboard.yaml, else built-in defaults"
                    + " (Agent-1..Agent-8, inbox delivery under ./agent_workspaces).",
            "Chat commands in detail: switchboard help <command>",
            "Benchmark: switchboard bench [--quick] (more: switchboard bench --help)"
        })
public final class Main {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "<file>",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Config file (YAML or JSON).")
    Path config;

    @Option(
            names = "--layout",
            paramLabel = "<name>",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Layout of the coords file to use (e.g. 8-agent); overrides 'layout:'.")
    String layout;

    @Option(
            names = "--data-dir",
            paramLabel = "<dir>",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Queue database folder; overrides 'data_dir:'.")
    Path dataDir;

    /** The effective config (with --data-dir applied). */
    public SwitchboardConfig loadConfig() {
        SwitchboardConfig cfg =
                overrides().loadOrDefault(config, System.getenv(), Path.of("").toAbsolutePath());
        return cfg;
    }

    /**
     * {@link #loadConfig()} for one CLI command: a config file unchanged since an earlier call is taken from
     * the {@link ConfigCache} in the user's cache folder instead of being parsed again.
     */
    public SwitchboardConfig loadConfigForCommand() {
        return overrides()
                .loadOrDefault(
                        config,
                        System.getenv(),
                        Path.of("").toAbsolutePath(),
                        new ConfigCache(UserCacheDir.of(System.getenv()).resolve("config")));
    }

    /**
     * For commands that only look: a config file that does not load is reported in one warning line, and
     * the queue it names (or the default beside it) is opened anyway, so it can be inspected meanwhile.
     */
    public SwitchboardConfig loadConfigForReading(java.util.function.Consumer<String> warn) {
        try {
            return loadConfigForCommand();
        } catch (ConfigException e) {
            Path file = ConfigLoader.locate(config, System.getenv(), Path.of("").toAbsolutePath())
                    .orElseThrow(() -> e);
            SwitchboardConfig cfg = overrides().salvage(file);
            warn.accept("warning: config error: " + e.getMessage() + " (read-only: showing the queue in "
                    + cfg.dataDir() + "; commands that send or change refuse until the file is fixed)");
            return cfg;
        }
    }

    /** What the command line says over the config file; reloads of the file apply it again. */
    public ConfigOverrides overrides() {
        return new ConfigOverrides(layout, dataDir);
    }

    public static void main(String[] args) {
        CliArchive.dropIfRefused();
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code. */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** Runs the CLI writing to the given streams (null: standard output / error); tests call this. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        SqliteNativeDir.configure(System.getenv()); // before anything loads the SQLite driver
        java.io.PrintWriter stdout = out != null ? out : new java.io.PrintWriter(System.out, true);
        java.io.PrintWriter stderr = err != null ? err : new java.io.PrintWriter(System.err, true);
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\uFFFD') >= 0) {
                // The JVM turned bytes that are not UTF-8 into U+FFFD before main: refuse rather than send that.
                stderr.println("error: argument " + (i + 1) + " is not valid UTF-8 text; nothing was done");
                stderr.flush();
                return 2;
            }
        }
        int at = subcommandIndex(args);
        if (at >= 0
                && CommandCatalog.all().stream()
                        .anyMatch(e -> e.name().equals(subcommand(args)) && !args[at].startsWith("-"))) {
            // A chat command (send, status, queue …): the same parsing as in chat (one text rule), after the
            // root options before it.
            CliWarmUp.start(subcommand(args));
            Main main = new Main();
            CommandLine root = new CommandLine(main);
            root.setExpandAtFiles(false);
            try {
                root.parseArgs(java.util.Arrays.copyOfRange(args, 0, at));
            } catch (CommandLine.ParameterException e) {
                stderr.println("usage error: " + e.getMessage());
                stderr.flush();
                return 2;
            }
            return new CommandSetBridge(main)
                    .runChatCommand(java.util.Arrays.asList(args).subList(at, args.length), stdout, stderr);
        }
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setExpandAtFiles(false);
        // Building a command's picocli model (reflection over its annotations) costs 10-20 ms each: a CLI
        // call that names its command builds only that one; help and unknown commands get all of them.
        String wanted = subcommand(args);
        Map<String, Supplier<Object>> all = subcommands();
        if (wanted != null && all.containsKey(wanted)) {
            addSubcommand(cl, wanted, all.get(wanted).get());
        } else {
            all.forEach((name, factory) -> addSubcommand(cl, name, factory.get()));
        }
        // After the subcommands are added: picocli hands the streams down only to those it has.
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setExecutionStrategy(new CommandSetBridge(main));
        // A mistyped command line is one line (what is wrong, where to look), not the whole usage text.
        cl.setParameterExceptionHandler((ex, badArgs) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
            ex.getCommandLine()
                    .getErr()
                    .println("error: " + ex.getMessage().replaceAll("\\s+", " ").trim() + " (see: " + command
                            + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException) {
                commandLine.getErr().println("config error: " + ex.getMessage());
                return 1;
            }
            // Anything else: one line here, the trace in the log file (logging is set up by now).
            org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", ex);
            commandLine
                    .getErr()
                    .println("error: "
                            + String.valueOf(ex.getMessage())
                                    .replaceAll("\\s+", " ")
                                    .trim() + " (details in the log)");
            return 1;
        });
        return cl.execute(args);
    }

    private static void addSubcommand(CommandLine root, String name, Object command) {
        if (command instanceof SwitchboardCommand chat) {
            root.addSubcommand(name, CommandSet.newCommandLine(chat));
        } else {
            root.addSubcommand(name, command);
        }
    }

    /** Every subcommand by name (chat commands by each of their names), in the order help lists them. */
    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("run", RunCommand::new);
        all.put("node", NodeCommand::new);
        all.put("config", ConfigCommand::new);
        all.put("calibrate", CalibrateCommand::new);
        for (CommandCatalog.Entry e : CommandCatalog.all()) {
            all.put(e.name(), e::create);
        }
        return all;
    }

    /** The first word that is not a root option or its value: the subcommand (null when there is none). */
    static String subcommand(String... args) {
        int at = subcommandIndex(args);
        if (at < 0) {
            return null;
        }
        for (CommandCatalog.Entry e : CommandCatalog.all()) {
            if (e.aliases().contains(args[at])) {
                return e.name();
            }
        }
        return args[at];
    }

    private static int subcommandIndex(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("-c", "--config", "--layout", "--data-dir");

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"switchboard " + (v == null ? "(development build)" : v)};
        }
    }
}
