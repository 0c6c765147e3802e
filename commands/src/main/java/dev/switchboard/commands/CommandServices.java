package dev.switchboard.commands;

import dev.switchboard.commands.answers.AnswerIntake;
import dev.switchboard.commands.gas.GasPipeline;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.snapshot.SnapshotSource;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What commands may use. The config supplier returns the current config (it reloads while running).
 *
 * @param answers where agents' answers are taken ({@code reply}, {@code say}); null where there is none
 * @param gas     the gas pipeline ({@code gas}, {@code progress}); null where there is none
 * @param snapshots shows what an agent shows (for {@code peek}); {@link SnapshotSource#NONE} where there is none
 */
public record CommandServices(
        MessageRouter router,
        MessageQueue queue,
        AgentRegistry agents,
        Supplier<SwitchboardConfig> config,
        Clock clock,
        AnswerIntake answers,
        GasPipeline gas,
        SnapshotSource snapshots) {
    public CommandServices {
        snapshots = snapshots == null ? SnapshotSource.NONE : snapshots;
    }

    /** Without snapshots: {@code peek} then says it is not available. */
    public CommandServices(
            MessageRouter router,
            MessageQueue queue,
            AgentRegistry agents,
            Supplier<SwitchboardConfig> config,
            Clock clock,
            AnswerIntake answers,
            GasPipeline gas) {
        this(router, queue, agents, config, clock, answers, gas, null);
    }

    /** Without answers (tests of other commands). */
    public CommandServices(
            MessageRouter router,
            MessageQueue queue,
            AgentRegistry agents,
            Supplier<SwitchboardConfig> config,
            Clock clock) {
        this(router, queue, agents, config, clock, null, null, null);
    }

    /** @throws IllegalArgumentException when there is no gas pipeline here (one-line error) */
    public GasPipeline requireGas() {
        if (gas == null) {
            throw new IllegalArgumentException("the gas pipeline is not available here");
        }
        return gas;
    }

    /** @throws IllegalArgumentException when there is no answer intake here (one-line error) */
    public AnswerIntake requireAnswers() {
        if (answers == null) {
            throw new IllegalArgumentException("answers are not available here");
        }
        return answers;
    }
}
