package dev.switchboard.bot.twitch;

import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.Limits;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.queue.MessageQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The application as {@code switchboard run} builds it (SQLite queue on disk, routing, the shared command set,
 * event pump, inbox delivery), with three inbox agents and short poll intervals, no chat token in the
 * environment: each test starts its Twitch bridge itself, pointed at the local chat.
 */
final class SwitchboardRig implements AutoCloseable {
    final SwitchboardConfig config;
    final App app;
    private final DataDirLock lock;

    SwitchboardRig(Path dir) throws IOException {
        this(dir, null);
    }

    /** @param limits null for the defaults (5 messages per user in 10 s) */
    SwitchboardRig(Path dir, Limits limits) throws IOException {
        SwitchboardConfig base = SwitchboardConfig.defaults(dir)
                .withAgents(List.of(
                        AgentConfig.inboxOnly("Agent-1"),
                        AgentConfig.inboxOnly("Agent-2"),
                        AgentConfig.inboxOnly("Agent-3")))
                .withWeb(new dev.switchboard.config.WebConfig(false, null, null));
        config = limits == null ? base : base.withLimits(limits);
        Files.createDirectories(config.dataDir());
        lock = DataDirLock.tryAcquire(config.dataDir()).orElseThrow();
        app = App.startService(
                config, Secrets.from(Map.of()), new App.Tuning(50, 50, 200, 1_000, 3, Duration.ofSeconds(30)));
    }

    ChatCommands commands() {
        return ChatCommands.of(app.commands());
    }

    EventBus bus() {
        return app.bus();
    }

    MessageQueue queue() {
        return app.queue();
    }

    /** The message files in an agent's inbox (not its processed/ folder). */
    List<Path> inboxFiles(String agent) throws IOException {
        Path inbox = config.workspaces().resolve(agent).resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Override
    public void close() {
        app.close();
        lock.close();
    }
}
