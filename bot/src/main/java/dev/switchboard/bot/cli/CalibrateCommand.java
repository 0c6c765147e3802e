package dev.switchboard.bot.cli;

import dev.switchboard.bot.Main;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.delivery.gui.Calibrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard calibrate <agent>}: measures how the agent's chat box reacts to a paste and stores GUI
 * timeouts tuned to it in {@code <data_dir>/gui-timing.json}, which {@code switchboard run} reads.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Measure an agent's chat box (paste, clear, settle) and store GUI delivery timing for it.",
            "Pastes a probe text into the box and deletes it again (Ctrl+A, Backspace); never submits.",
            "Run it with the box empty and no GUI delivery running (pause GUI agents or stop 'run')."
        })
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<agent>", description = "Agent id or alias.")
    String agent;

    @Option(
            names = "--rounds",
            paramLabel = "<n>",
            defaultValue = "" + Calibrator.DEFAULT_ROUNDS,
            description = "Measurements to take (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws InterruptedException {
        Main main = (Main) spec.root().userObject();
        SwitchboardConfig cfg = main.loadConfig();
        var err = spec.commandLine().getErr();
        if (rounds < 1 || rounds > 50) {
            err.println("calibrate: --rounds must be between 1 and 50");
            return 2;
        }
        AgentRegistry registry = new AgentRegistry(cfg.agents());
        AgentConfig target = registry.resolve(agent).orElse(null);
        if (target == null) {
            err.println("calibrate: unknown agent '" + agent + "'"
                    + registry.suggest(agent)
                            .map(s -> " (did you mean " + s + "?)")
                            .orElse(""));
            return 1;
        }
        try {
            Calibrator.Result r = Calibrator.create(cfg.dataDir()).calibrate(target, rounds);
            spec.commandLine().getOut().println("calibrated " + r.describe());
            return 0;
        } catch (Calibrator.CalibrationException e) {
            err.println("calibrate " + target.id() + ": " + e.getMessage());
            return 1;
        }
    }
}
