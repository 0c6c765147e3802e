package dev.switchboard.bot.cli;

import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.bot.Main;
import dev.switchboard.bot.console.ConsoleBridge;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start Switchboard: deliver queued messages, report status, run the chat bridges.",
                "Reads chat commands from standard input (e.g. !msg Agent-2 please rebase) unless --no-console.",
                "Ctrl-C or end of input stops it; the queue is kept."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--no-console", description = "Do not read standard input (for systemd, Docker, nohup).")
    boolean noConsole;

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
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            app = App.startService(cfg, main.overrides(), Secrets.fromEnvironment(), App.Tuning.defaults());
        } catch (RuntimeException e) {
            lock.close();
            err.println("error: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown();
            stopped.countDown();
        }, "shutdown"));
        out.println(banner(cfg));
        out.flush();
        if (!noConsole) {
            boolean interactive = System.console() != null;
            app.attach(new ConsoleBridge(app.commands(), app.bus(),
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, interactive,
                    stopped::countDown).showingAnswers(app.answers()));
        }
        stopped.await();
        shutdown();
        out.println("stopped; the queue is kept in " + cfg.dataDir());
        out.flush();
        return 0;
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
            }
        }
    }

    private String banner(SwitchboardConfig cfg) {
        String agents = cfg.agents().stream().map(AgentConfig::id).collect(Collectors.joining(", "));
        String methods = cfg.agents().stream().flatMap(a -> a.delivery().stream()).distinct()
                .map(DeliveryMethod::key).collect(Collectors.joining(", "));
        return "Switchboard running · " + cfg.agents().size() + " agents: " + agents + "\n"
                + "  delivery: " + methods + " · inboxes under " + cfg.workspaces() + "\n"
                + "  data: " + cfg.dataDir() + " · config: " + (cfg.source() == null ? "built-in defaults" : cfg.source())
                + "\n"
                + (noConsole ? "  console off (--no-console); stop with Ctrl-C or SIGTERM"
                : "  type 'help', or e.g. !msg Agent-2 please rebase · end a line with \\ to continue it ·"
                + " Ctrl-D/Ctrl-C stops");
    }
}
