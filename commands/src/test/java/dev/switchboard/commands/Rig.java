package dev.switchboard.commands;

import dev.switchboard.commands.answers.AnswerIntake;
import dev.switchboard.commands.gas.GasPipeline;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.answers.AnswerStore;
import dev.switchboard.core.gas.GasStateStore;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.core.routing.AgentMessageHandler;
import dev.switchboard.core.routing.AuthorizationMiddleware;
import dev.switchboard.core.routing.FanOutHandler;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.routing.ValidationMiddleware;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The command layer on a real SQLite queue in a temp folder: three inbox agents (Agent-1 tagged ui with the
 * alias a1, Agent-2, Agent-3), the routing pipeline, the answers table and its intake. No delivery workers.
 */
public final class Rig implements AutoCloseable {
    public final Path dir;
    public final AtomicReference<SwitchboardConfig> config;
    public final SqliteMessageQueue queue;
    public final AgentRegistry agents;
    public final MessageRouter router;
    public final AnswerStore answers;
    public final AnswerIntake intake;
    public final GasStateStore gasStore;
    public final GasPipeline gas;
    public final TestClock clock = new TestClock();
    public final CommandSet commands;
    public final AtomicInteger wakeUps = new AtomicInteger();

    public Rig(Path dir) {
        this.dir = dir;
        SwitchboardConfig cfg = SwitchboardConfig.defaults(dir)
                .withAgents(List.of(
                        new AgentConfig("Agent-1", List.of("a1"), List.of("ui"), null, null, null, null),
                        AgentConfig.inboxOnly("Agent-2"),
                        AgentConfig.inboxOnly("Agent-3")));
        this.config = new AtomicReference<>(cfg);
        this.queue = SqliteMessageQueue.open(cfg.dataDir(), 3, new Backoff(10, 100));
        this.agents = new AgentRegistry(cfg.agents());
        this.router = new MessageRouter(
                queue,
                List.of(new ValidationMiddleware(() -> 4000), new AuthorizationMiddleware()),
                List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
        this.answers = AnswerStore.open(cfg.dataDir());
        this.intake = new AnswerIntake(queue, router, agents, answers, Clock.systemUTC(), wakeUps::incrementAndGet);
        this.gasStore = GasStateStore.open(cfg.dataDir());
        this.gas = new GasPipeline(
                queue, router, agents, gasStore, intake, () -> config.get().gas(), clock);
        intake.onActivity(gas::activity);
        this.commands =
                new CommandSet(new CommandServices(router, queue, agents, config::get, Clock.systemUTC(), intake, gas));
    }

    public static Caller caller(String name, Role role, Platform platform) {
        return new Caller(
                new Sender(platform, name + "-id", name, role), new Origin(platform, "g1", "c1", "m-" + name, null));
    }

    public Path workspace(String agent) {
        return config.get().workspaces().resolve(agent);
    }

    @Override
    public void close() {
        gasStore.close();
        answers.close();
        queue.close();
    }
}
