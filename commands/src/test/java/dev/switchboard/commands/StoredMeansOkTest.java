package dev.switchboard.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.queue.Backoff;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.SqliteMessageQueue;
import dev.switchboard.core.routing.AgentMessageHandler;
import dev.switchboard.core.routing.AuthorizationMiddleware;
import dev.switchboard.core.routing.FanOutHandler;
import dev.switchboard.core.routing.MessageRouter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error from {@code msg} means "not stored". A message that was committed is reported as queued even when
 * a look-up made only for the reply fails afterwards (a damaged database reads badly): told "failed", the
 * user would send it again and it would arrive twice.
 */
class StoredMeansOkTest {
    @TempDir
    Path dir;

    @Test
    void aMessageThatWasCommittedIsReportedQueuedWhenALaterReadFails() {
        SwitchboardConfig cfg = SwitchboardConfig.defaults(dir).withAgents(List.of(AgentConfig.inboxOnly("Agent-2")));
        try (SqliteMessageQueue real = SqliteMessageQueue.open(dir.resolve("data"), 3, new Backoff(10, 100))) {
            // GIVEN a queue that commits, but whose reads fail (as on a damaged file)
            MessageQueue queue = readsFail(real);
            AgentRegistry agents = new AgentRegistry(cfg.agents());
            MessageRouter router = new MessageRouter(
                    queue,
                    List.of(new AuthorizationMiddleware()),
                    List.of(new AgentMessageHandler(agents), new FanOutHandler(agents)));
            CommandSet commands =
                    new CommandSet(new CommandServices(router, queue, agents, () -> cfg, Clock.systemUTC()));
            Caller operator = new Caller(
                    new Sender(Platform.CONSOLE, "olga", "olga", Role.OPERATOR), Origin.of(Platform.CONSOLE));

            // WHEN a message is sent
            Reply reply = commands.executeChat("msg Agent-2 rebase please", operator);

            // THEN it is reported queued (it is stored), with a note that the pause state is unknown
            assertEquals(Reply.Status.OK, reply.status(), reply.text());
            assertEquals(1, reply.messageIds().size());
            assertEquals(
                    "rebase please",
                    real.find(reply.messageIds().get(0)).orElseThrow().message().body());
            assertTrue(reply.text().contains("could not check whether Agent-2 is paused"), reply.text());
        }
    }

    /** The real queue, except that its pause look-up fails as a read of a damaged file does. */
    private static MessageQueue readsFail(MessageQueue real) {
        return (MessageQueue) java.lang.reflect.Proxy.newProxyInstance(
                MessageQueue.class.getClassLoader(), new Class<?>[] {MessageQueue.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isPaused")) {
                        throw new QueueException("cannot read the queue: database disk image is malformed");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
