package dev.switchboard.bot.twitch;

import dev.switchboard.commands.CommandServices;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.EventPump;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.core.routing.AgentMessageHandler;
import dev.switchboard.core.routing.AuthorizationMiddleware;
import dev.switchboard.core.routing.FanOutHandler;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.routing.RateLimitMiddleware;
import dev.switchboard.core.routing.ValidationMiddleware;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.WorkerPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The real core for end-to-end tests: SQLite queue on disk, routing with validation, authorization and rate
 * limits, the shared command set, the event pump and inbox delivery by the worker pool — three agents on inbox.
 */
final class SwitchboardRig implements AutoCloseable {
    final SwitchboardConfig config;
    final SqliteMessageQueue queue;
    final EventBus bus = new EventBus();
    final CommandSet commands;
    private final EventPump pump;
    private final WorkerPool workers;

    SwitchboardRig(Path dir) {
        config = SwitchboardConfig.defaults(dir).withAgents(List.of(AgentConfig.inboxOnly("Agent-1"),
                AgentConfig.inboxOnly("Agent-2"), AgentConfig.inboxOnly("Agent-3")));
        queue = SqliteMessageQueue.open(config.dataDir(), 3, new Backoff(50, 200));
        AgentRegistry agents = new AgentRegistry(config.agents());
        Clock clock = Clock.systemUTC();
        MessageRouter router = new MessageRouter(queue,
                List.of(new ValidationMiddleware(() -> config.limits().maxText()), new AuthorizationMiddleware(),
                        new RateLimitMiddleware(() -> new RateLimitMiddleware.Limit(100, 10), clock)),
                List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
        commands = new CommandSet(new CommandServices(router, queue, agents, () -> config, clock));
        pump = new EventPump(queue, bus, 50);
        queue.onCommit(pump::wakeUp);
        FallbackChain chain = new FallbackChain(List.of(new InboxDeliverer(config::inboxOf)), 3,
                Duration.ofSeconds(30), clock);
        workers = new WorkerPool(UUID.randomUUID().toString(), queue, agents, chain, bus, Duration.ofSeconds(30), 50);
    }

    Path inbox(String agent) {
        return config.workspaces().resolve(agent).resolve("inbox");
    }

    /** The message files in an agent's inbox (not its processed/ folder). */
    List<Path> inboxFiles(String agent) throws IOException {
        Path inbox = inbox(agent);
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Override
    public void close() throws Exception {
        workers.close();
        pump.close();
        queue.close();
    }
}
