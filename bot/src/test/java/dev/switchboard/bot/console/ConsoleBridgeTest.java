package dev.switchboard.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.CommandCatalog;
import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The console's reader and its status lines, with stand-in commands (no queue needed). */
class ConsoleBridgeTest {
    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Command(name = "slow")
    public static final class Slow implements SwitchboardCommand {
        @Override
        public Role requiredRole() {
            return Role.VIEWER;
        }

        @Override
        public Reply run(CommandContext context) {
            STARTED.countDown();
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok("slow done", List.of());
        }
    }

    @Command(name = "boom")
    public static final class Boom implements SwitchboardCommand {
        @Override
        public Role requiredRole() {
            return Role.VIEWER;
        }

        @Override
        public Reply run(CommandContext context) {
            throw new OutOfMemoryError("simulated");
        }
    }

    private static CommandSet commands() {
        return new CommandSet(
                null,
                List.of(
                        new CommandCatalog.Entry("slow", List.of(), Slow::new),
                        new CommandCatalog.Entry("boom", List.of(), Boom::new)));
    }

    private static StatusEvent event(Platform from) {
        return new StatusEvent(
                1,
                "01a20919-2e6d-71a1-b954-1278b2c32af0",
                "c",
                "Agent-2",
                MessageState.QUEUED,
                MessageState.DELIVERING,
                1,
                null,
                null,
                null,
                Instant.now(),
                null,
                Origin.of(from));
    }

    @Test
    void statusEventsNeverWaitForARunningCommand() throws Exception {
        // GIVEN a console running a command that takes its time
        StringWriter text = new StringWriter();
        PipedOutputStream typing = new PipedOutputStream();
        ConsoleBridge console = new ConsoleBridge(
                commands(),
                new EventBus(),
                new PlainConsoleIo(new PipedInputStream(typing), new PrintWriter(text, true)),
                ConsoleBridge.Events.ALL,
                () -> {},
                e -> {});
        console.start();
        typing.write("slow\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        assertTrue(STARTED.await(30, TimeUnit.SECONDS));

        // WHEN the event pump publishes a state change meanwhile
        Thread pump = new Thread(() -> console.onEvent(event(Platform.CLI)));
        pump.start();
        pump.join(TimeUnit.SECONDS.toMillis(30));

        // THEN it returned while the command still runs, and its line follows the command's reply
        assertFalse(pump.isAlive(), "onEvent waited for the running command");
        assertEquals("", text.toString());
        RELEASE.countDown();
        typing.write("quit\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!text.toString().contains("from cli") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(
                "slow done\n  #2af0 Agent-2: delivering · from cli\n",
                text.toString().replace("\r", ""));
        console.close();
    }

    @Test
    void ownShowsOnlyTheConsolesMessages() {
        StringWriter text = new StringWriter();
        ConsoleBridge console = new ConsoleBridge(
                commands(),
                new EventBus(),
                new PlainConsoleIo(new ByteArrayInputStream(new byte[0]), new PrintWriter(text, true)),
                ConsoleBridge.Events.OWN,
                () -> {},
                e -> {});
        console.onEvent(event(Platform.CLI));
        console.onEvent(event(Platform.CONSOLE));
        assertEquals("  #2af0 Agent-2: delivering\n", text.toString().replace("\r", ""));
    }

    @Test
    void aReaderThatDiesReportsAFailureNotAnEnd() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Boolean> ended = new AtomicReference<>(false);
        ConsoleBridge console = new ConsoleBridge(
                commands(),
                new EventBus(),
                new PlainConsoleIo(
                        new ByteArrayInputStream("boom\n".getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(new StringWriter(), true)),
                ConsoleBridge.Events.ALL,
                () -> {
                    ended.set(true);
                    done.countDown();
                },
                e -> {
                    failure.set(e);
                    done.countDown();
                });
        console.start();
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertSame(OutOfMemoryError.class, failure.get().getClass());
        assertFalse(ended.get(), "a dead reader is not the end of input");
        console.close();
    }
}
