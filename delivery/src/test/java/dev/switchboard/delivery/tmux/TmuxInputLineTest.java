package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.Await;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.SubmittedLog;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is pasted behind text already in the pane's input line: real tmux, the raw-mode pane reader. The text
 * left there is what a delivery stopped between paste and Enter leaves (a node killed mid-delivery).
 */
@Timeout(120)
class TmuxInputLineTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() throws InterruptedException {
        Tools.require(new TmuxClient(null).run("-V").ok(),
                "tmux test skipped: tmux is not installed (see scripts/test-packages.txt)");
    }

    @Test
    void aMessageIsNeverPastedBehindTextLeftInTheInputLine() throws Exception {
        Path typed = dir.resolve("typed.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = TmuxDeliveryTest.agent(server);
            TmuxDeliverer tmux = new TmuxDeliverer();
            assertTrue(tmux.deliver(Messages.to("Agent-2", "first"), agent).verified());

            // GIVEN a paste that was never submitted (the process delivering it was killed before Enter)
            leaveUnsubmitted(server, "half typed");

            // WHEN the next message comes
            DeliveryOutcome o = tmux.deliver(Messages.to("Agent-2", "second"), agent);

            // THEN nothing is pasted: it fails clean (the next method may take it), and the program got no
            // "half typedsecond"
            assertFalse(o.delivered(), o.toString());
            assertTrue(o.fallbackAllowed(), o.toString());
            assertTrue(o.detail().contains("input line is not empty"), o.detail());
            assertTrue(server.capture().contains("ready> half typed"), server.capture());
            assertFalse(server.capture().contains("second"), server.capture());
            assertEquals(List.of("first"), SubmittedLog.read(typed));
        }
    }

    /** Pastes as a delivery does, then stops before Enter, and waits until the program shows the text. */
    static void leaveUnsubmitted(PrivateTmuxServer server, String text) throws InterruptedException {
        TmuxClient tmux = new TmuxClient(server.socket());
        assertTrue(tmux.runWithInput(text, "load-buffer", "-b", "left", "-").ok());
        assertTrue(tmux.run("paste-buffer", "-p", "-r", "-d", "-b", "left", "-t", server.target()).ok());
        Await.until(Duration.ofSeconds(30), () -> server.capture().contains(text), server::capture);
    }
}
