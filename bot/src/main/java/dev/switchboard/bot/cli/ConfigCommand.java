package dev.switchboard.bot.cli;

import dev.switchboard.bot.Main;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "config",
        description = "Work with the config file.",
        mixinStandardHelpOptions = true,
        subcommands = ConfigCommand.Check.class)
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Validate a config file and show what it configures (exit 1 if it is not valid).")
    public static final class Check implements Callable<Integer> {
        @ParentCommand
        ConfigCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "<file>", description = "Default: the file 'run' would use.")
        Path file;

        @Override
        public Integer call() {
            Main main = (Main) spec.root().userObject();
            try {
                SwitchboardConfig cfg = file != null ? ConfigLoader.load(file, null) : main.loadConfig();
                var out = spec.commandLine().getOut();
                out.println("ok: " + (cfg.source() == null ? "built-in defaults" : cfg.source()));
                out.println("  data_dir:   " + cfg.dataDir());
                out.println("  workspaces: " + cfg.workspaces());
                out.println("  agents:     " + cfg.agents().size());
                for (AgentConfig a : cfg.agents()) {
                    out.println("    " + a.id()
                            + (a.aliases().isEmpty() ? "" : " (" + String.join(", ", a.aliases()) + ")") + " · "
                            + a.delivery().stream().map(DeliveryMethod::key).collect(Collectors.joining(" → "))
                            + (a.gui() != null && a.gui().inputBox() != null
                                    ? " · input_box " + a.gui().inputBox()
                                    : ""));
                }
                Secrets secrets = Secrets.fromEnvironment();
                out.println("  discord:    "
                        + (secrets.discordToken().isPresent()
                                ? "token set"
                                : "off (no " + Secrets.DISCORD_TOKEN + ")"));
                out.println("  twitch:     "
                        + (secrets.twitchToken().isPresent() ? "token set" : "off (no " + Secrets.TWITCH_TOKEN + ")"));
                out.println("  web:        http://" + cfg.web().host() + ":"
                        + cfg.web().port() + "/");
                return 0;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println("invalid: " + e.getMessage());
                return 1;
            }
        }
    }
}
