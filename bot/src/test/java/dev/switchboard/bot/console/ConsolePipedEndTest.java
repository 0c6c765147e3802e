package dev.switchboard.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.App;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.WebConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script pipes commands into {@code switchboard run}: when its input ends, the service stops only after the
 * messages it sent have shown their outcome (bounded), so the script sees "delivered", not only "queued".
 */
@Timeout(60)
class ConsolePipedEndTest {

    @TempDir
    Path dir;

    @Test
    void theEndOfPipedInputWaitsForTheOutcomeOfWhatItSentButNotForScheduledMessages() throws Exception {
        SwitchboardConfig cfg = SwitchboardConfig.defaults(dir).withWeb(new WebConfig(false, null, null));
        StringWriter screen = new StringWriter();
        PrintWriter out = new PrintWriter(screen);
        String script = "msg Agent-1 first from a script\n"
                + "msg Agent-2 second from a script\n"
                + "msg Agent-3 --in 1h one for later\n";
        CompletableFuture<String> atEnd = new CompletableFuture<>();
        try (App app = App.startService(
                cfg, Secrets.from(Map.of()), new App.Tuning(20, 20, 100, 1_000, 3, Duration.ofSeconds(30)))) {
            app.attach(new ConsoleBridge(
                    app.commands(),
                    app.bus(),
                    new PlainConsoleIo(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out),
                    ConsoleBridge.Events.ALL,
                    () -> {
                        synchronized (screen) {
                            atEnd.complete(screen.toString());
                        }
                    },
                    atEnd::completeExceptionally));

            // WHEN the input ends, THEN by the time the console says it ended, both outcomes were printed
            String shown = atEnd.get(30, TimeUnit.SECONDS);
            assertTrue(shown.contains("Agent-1: delivered (inbox, verified)"), shown);
            assertTrue(shown.contains("Agent-2: delivered (inbox, verified)"), shown);
            // AND the scheduled one was not waited for, nor reported as still on its way
            assertTrue(shown.contains("for Agent-3"), shown);
            assertFalse(shown.contains("still on the way"), shown);
            assertEquals(
                    1,
                    app.queue().stats().count(dev.switchboard.core.message.MessageState.QUEUED),
                    "the scheduled message waits in the queue");
        }
    }
}
