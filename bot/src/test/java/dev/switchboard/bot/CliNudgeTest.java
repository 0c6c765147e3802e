package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.Secrets;
import dev.switchboard.core.events.ChangeNudge;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CLI send wakes the running service instead of waiting for its next poll. */
class CliNudgeTest {
    @TempDir
    Path dir;

    /** Polls so slow (10 minutes) that only the nudge can explain a delivery within the test's wait. */
    private static final App.Tuning NO_POLLING =
            new App.Tuning(600_000, 600_000, 600_000, 600_000, 3, Duration.ofSeconds(1));

    @Test
    void aCliSendIsDeliveredWithoutWaitingForAPoll() throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "agents: [{id: Agent-1}]\n");
        try (App app = App.startService(ConfigLoader.load(config), Secrets.from(Map.of()), NO_POLLING)) {
            assertTrue(Files.exists(dir.resolve("switchboard-data").resolve(ChangeNudge.FILE)), "the service listens");
            BlockingQueue<StatusEvent> events = new LinkedBlockingQueue<>();
            app.bus().subscribe(events::add);

            // GIVEN a running service WHEN the CLI (its own queue connection, as in another process) sends
            StringWriter out = new StringWriter();
            int code = Main.execute(
                    new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true),
                    "--config",
                    config.toString(),
                    "send",
                    "Agent-1",
                    "from the CLI");
            assertEquals(0, code, out.toString());
            Matcher m = Pattern.compile("\\(id ([0-9a-f-]{36})\\)").matcher(out.toString());
            assertTrue(m.find(), out.toString());

            // THEN the service delivers it long before any poll would have looked
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean delivered = false;
            while (!delivered && System.nanoTime() < deadline) {
                StatusEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                delivered = e != null && e.messageId().equals(m.group(1)) && e.to() == MessageState.DELIVERED;
            }
            assertTrue(delivered, "delivered after the nudge");
        }
        assertFalse(Files.exists(dir.resolve("switchboard-data").resolve(ChangeNudge.FILE)), "socket removed on stop");
        assertFalse(ChangeNudge.nudge(dir.resolve("switchboard-data")), "nobody listens any more");
    }
}
