package dev.switchboard.bot.cli;

import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.bot.Main;
import dev.switchboard.bot.console.ConsoleBridge;
import dev.switchboard.bot.console.ConsoleIo;
import dev.switchboard.bot.console.JLineConsoleIo;
import dev.switchboard.bot.console.PlainConsoleIo;
import dev.switchboard.bot.logging.LogFiles;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.lifecycle.Supervisor;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Start Switchboard: deliver queued messages, report status, run the chat bridges.",
            "Reads chat commands from standard input (e.g. !msg Agent-2 please rebase) unless --no-console.",
            "Ctrl-C or end of input stops it; the queue is kept."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--no-console", description = "Do not read standard input (for systemd, Docker, nohup).")
    boolean noConsole;

    @Option(
            names = "--console-events",
            paramLabel = "all|own",
            defaultValue = "all",
            converter = EventsConverter.class,
            description = "State changes the console shows: all (also from the CLI, chat and agents; default) or"
                    + " own (only of messages sent from this console).")
    ConsoleBridge.Events consoleEvents;

    static final class EventsConverter implements picocli.CommandLine.ITypeConverter<ConsoleBridge.Events> {
        @Override
        public ConsoleBridge.Events convert(String value) {
            return ConsoleBridge.Events.parse(value);
        }
    }

    /** Set when a thread died unexpectedly: the run then ends with exit code 1, never 0. */
    private volatile Throwable died;

    private final Object lifecycle = new Object();
    private App app;
    private DataDirLock lock;

    @Override
    public Integer call() throws Exception {
        Main main = (Main) spec.root().userObject();
        SwitchboardConfig cfg = main.loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DataDirLock> acquired = DataDirLock.tryAcquire(cfg.dataDir());
        if (acquired.isEmpty()) {
            err.println("error: another 'switchboard run' is already using " + cfg.dataDir()
                    + " (stop it, or use --data-dir for a second instance)");
            return 1;
        }
        lock = acquired.get();
        Secrets secrets = Secrets.fromEnvironment();
        LogFiles.start(cfg.dataDir(), secrets.values());
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            // Failures, restarts and late connections of services: one line each, beside the console's output.
            app = App.startService(
                    cfg, main.overrides(), secrets, App.Tuning.defaults(), Supervisor.Timing.defaults(), notice -> {
                        synchronized (out) {
                            out.println("switchboard: " + notice);
                            out.flush();
                        }
                    });
        } catch (RuntimeException e) {
            lock.close();
            LogFiles.stop();
            err.println("error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            shutdown();
                            stopped.countDown();
                        },
                        "shutdown"));
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            died = e;
            err.println("error: thread " + thread.getName() + " died: " + e);
            err.flush();
            stopped.countDown();
        });
        out.println(banner(cfg));
        out.flush();
        if (!noConsole) {
            app.attach(new ConsoleBridge(
                            app.commands(),
                            app.bus(),
                            consoleIo(cfg, out, err),
                            consoleEvents,
                            stopped::countDown,
                            e -> {
                                died = e;
                                err.println("error: the console stopped: " + e);
                                err.flush();
                                stopped.countDown();
                            })
                    .showingAnswers(app.answers()));
        }
        stopped.await();
        shutdown();
        if (died != null) {
            err.println("stopped after an unexpected error (" + died + "); the queue is kept in " + cfg.dataDir());
            err.flush();
            return 1;
        }
        out.println("stopped; the queue is kept in " + cfg.dataDir());
        out.flush();
        return 0;
    }

    /** The line editor when standard input and output are a terminal; plain bounded lines otherwise. */
    private ConsoleIo consoleIo(SwitchboardConfig cfg, PrintWriter out, PrintWriter err) {
        if (System.console() != null) {
            try {
                return JLineConsoleIo.open(app.commands(), cfg.dataDir());
            } catch (IOException | RuntimeException e) {
                err.println("note: no line editor on this terminal (" + e.getMessage() + "); reading plain lines");
            }
        }
        return new PlainConsoleIo(System.in, out);
    }

    private void shutdown() {
        synchronized (lifecycle) {
            if (app != null) {
                app.close();
                app = null;
            }
            if (lock != null) {
                lock.close();
                lock = null;
                LogFiles.stop();
            }
        }
    }

    private String banner(SwitchboardConfig cfg) {
        String agents = cfg.agents().stream().map(AgentConfig::id).collect(Collectors.joining(", "));
        String methods = cfg.agents().stream()
                .flatMap(a -> a.delivery().stream())
                .distinct()
                .map(DeliveryMethod::key)
                .collect(Collectors.joining(", "));
        return "Switchboard running · " + cfg.agents().size() + " agents: " + agents + "\n"
                + "  delivery: " + methods + " · inboxes under " + cfg.workspaces() + "\n"
                + "  data: " + cfg.dataDir() + " · config: "
                + (cfg.source() == null ? "built-in defaults" : cfg.source())
                + "\n"
                + (noConsole
                        ? "  console off (--no-console); stop with Ctrl-C or SIGTERM"
                        : "  type 'help', or e.g. !msg Agent-2 please rebase · end a line with \\ to continue it ·"
                                + " Tab completes · Ctrl-D/Ctrl-C stops");
    }
}
