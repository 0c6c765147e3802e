package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real tmux server on a private socket, with a pane running a raw-mode reader. */
@Timeout(120)
class TmuxDeliveryTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() throws InterruptedException {
        Tools.require(
                new TmuxClient(null).run("-V").ok(),
                "tmux test skipped: tmux is not installed (see scripts/test-packages.txt)");
    }

    static AgentConfig agent(PrivateTmuxServer server) {
        return new AgentConfig(
                "Agent-2",
                List.of(),
                List.of(),
                List.of(DeliveryMethod.TMUX, DeliveryMethod.INBOX),
                null,
                null,
                new TmuxConfig(server.target(), server.socket()));
    }

    @Test
    void twoHundredAwkwardMessagesArriveExactlyInOrderAllVerified() throws Exception {
        List<String> texts = Messages.awkwardTexts(200);
        Path file = dir.resolve("pane.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(file)) {
            TmuxDeliverer tmux = new TmuxDeliverer();
            AgentConfig agent = agent(server);
            assertEquals(java.util.Optional.empty(), tmux.preflight(agent));

            List<DeliveryOutcome> outcomes = new ArrayList<>();
            for (String text : texts) {
                outcomes.add(tmux.deliver(Messages.to("Agent-2", text), agent));
            }

            for (int i = 0; i < outcomes.size(); i++) {
                assertTrue(outcomes.get(i).verified(), "message " + i + ": " + outcomes.get(i));
            }
            assertEquals(texts, dev.switchboard.testkit.gui.SubmittedLog.read(file));
        }
    }

    @Test
    void aMissingPaneFailsCleanlyWithTheReason() throws Exception {
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(dir.resolve("pane.log"))) {
            AgentConfig agent = new AgentConfig(
                    "Agent-2",
                    List.of(),
                    List.of(),
                    List.of(DeliveryMethod.TMUX),
                    null,
                    null,
                    new TmuxConfig("nosuch:0.0", server.socket()));
            DeliveryOutcome o = new TmuxDeliverer().deliver(Messages.to("Agent-2", "hello"), agent);
            assertFalse(o.delivered());
            assertTrue(o.fallbackAllowed(), o.toString());
            assertTrue(o.detail().contains("nosuch:0.0"), o.detail());
        }
    }

    @Test
    void aTenKilobyteMultiLineTextArrivesWhole() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 10_000; i++) {
            sb.append("row ")
                    .append(i)
                    .append(": ")
                    .append("é中🚀 ".repeat(i % 7))
                    .append("x".repeat(i % 90))
                    .append('\n');
        }
        String text = sb.append("the end").toString();
        Path file = dir.resolve("pane.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(file)) {
            DeliveryOutcome o = new TmuxDeliverer().deliver(Messages.to("Agent-2", text), agent(server));
            assertTrue(o.verified(), o.toString());
            assertEquals(List.of(text), dev.switchboard.testkit.gui.SubmittedLog.read(file));
        }
    }
}
