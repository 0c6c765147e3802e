package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.Await;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.SubmittedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real raw-mode TUI (prompt_toolkit, Debian {@code python3-prompt-toolkit}) in a real tmux pane, started from an
 * interactive shell as a user would. Then the program dies and the pane shows its shell again.
 */
@Timeout(240)
class ChatTuiTmuxTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmuxAndPromptToolkit() throws Exception {
        Tools.require(
                new TmuxClient(null).run("-V").ok(),
                "tmux test skipped: tmux is not installed (see scripts/test-packages.txt)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import prompt_toolkit").start();
        Tools.require(
                p.waitFor() == 0,
                "TUI test skipped: /usr/bin/python3 has no prompt_toolkit (apt-get install python3-prompt-toolkit)");
    }

    @Test
    void twoHundredMixedMessagesArriveExactlyOnceVerifiedThenTheShellLeftBehindGetsNothing() throws Exception {
        Path submitted = dir.resolve("submitted.log");
        Path inbox = dir.resolve("inbox");
        List<String> texts = Messages.mixedTexts(200, 10);
        try (TestPane pane = TestPane.shell()) {
            pane.startChatApp(submitted);
            AgentConfig agent = pane.agent("Agent-2", null).withInbox(inbox);
            FallbackChain chain = new FallbackChain(
                    List.of(new TmuxDeliverer(), new InboxDeliverer(AgentConfig::inbox)),
                    3,
                    Duration.ofMinutes(5),
                    Clock.systemUTC());

            // GIVEN the agent's TUI in the pane: every message goes in through tmux, verified
            List<FallbackChain.Result> results = new ArrayList<>();
            for (String text : texts) {
                results.add(chain.deliver(Messages.to("Agent-2", text), agent));
            }
            for (int i = 0; i < results.size(); i++) {
                FallbackChain.Result r = results.get(i);
                assertEquals(DeliveryMethod.TMUX, r.method(), "message " + i + ": " + r);
                assertTrue(r.outcome().verified(), "message " + i + ": " + r);
            }
            assertEquals(texts, SubmittedLog.read(submitted), "every text exact, once, in order");

            // WHEN the program dies and the pane falls back to the shell it was started from
            pane.killForegroundProgram();
            pane.awaitCommand("bash");
            String before = pane.capture();
            FallbackChain.Result r = chain.deliver(Messages.to("Agent-2", "thanks"), agent);

            // THEN tmux refuses cleanly, with the reason, and the inbox takes the message
            assertEquals(DeliveryMethod.INBOX, r.method(), r.toString());
            assertTrue(r.outcome().delivered(), r.toString());
            assertTrue(
                    r.detail()
                            .contains("tmux failed: tmux pane agents:0.0 (socket " + pane.socket
                                    + ") runs bash, a shell"),
                    r.detail());
            assertEquals(1, inboxFiles(inbox));
            // ... and the shell got nothing: a line typed now is the next thing it runs, right after the refusal
            pane.type("echo done-$((6*7))");
            Await.until(TestPane.WAIT, () -> pane.capture().contains("done-42"), pane::capture);
            String after = pane.capture();
            assertFalse(after.contains("thanks"), after);
            assertFalse(after.contains("command not found"), after);
            assertTrue(after.startsWith(before.stripTrailing()), "only the typed line was added:\n" + after);
            assertEquals(200, SubmittedLog.read(submitted).size());
        }
    }

    @Test
    void aDraftInTheAppsInputIsNeverPastedIntoAndDeliveryGoesOnOnceItIsCleared() throws Exception {
        Path submitted = dir.resolve("submitted.log");
        try (TestPane pane = TestPane.shell()) {
            pane.startChatApp(submitted);
            AgentConfig agent = pane.agent("Agent-2", null);
            TmuxDeliverer tmux = new TmuxDeliverer();
            assertTrue(tmux.deliver(Messages.to("Agent-2", "before the draft"), agent)
                    .verified());

            // GIVEN the user is typing in the app's input
            pane.tmux.run("send-keys", "-t", TestPane.TARGET, "-l", "half a thought");
            Await.until(TestPane.WAIT, () -> pane.capture().contains("chat> half a thought"), pane::capture);

            // THEN a message is not pasted behind it: it fails clean, and the draft is as the user left it
            DeliveryOutcome o = tmux.deliver(Messages.to("Agent-2", "from chat"), agent);
            assertFalse(o.delivered(), o.toString());
            assertTrue(o.fallbackAllowed() && o.detail().contains("input line is not empty"), o.toString());
            assertTrue(pane.capture().strip().endsWith("chat> half a thought"), pane.capture());

            // ... and once the user clears it (Ctrl+U), the message goes in alone
            pane.tmux.run("send-keys", "-t", TestPane.TARGET, "C-u");
            Await.until(TestPane.WAIT, () -> pane.capture().strip().endsWith("chat>"), pane::capture);
            DeliveryOutcome again = tmux.deliver(Messages.to("Agent-2", "from chat"), agent);
            assertTrue(again.verified(), again.toString());
            assertEquals(List.of("before the draft", "from chat"), SubmittedLog.read(submitted));
        }
    }

    private static long inboxFiles(Path inbox) throws java.io.IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.toString().endsWith(".md")).count();
        }
    }
}
