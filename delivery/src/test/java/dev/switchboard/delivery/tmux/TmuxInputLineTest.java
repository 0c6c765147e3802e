package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.Await;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.SubmittedLog;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is pasted behind text already in the pane's input line: real tmux, real programs. The text left there
 * is a user's draft, or what a delivery stopped between paste and Enter leaves (a node killed mid-delivery).
 */
@Timeout(120)
class TmuxInputLineTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() throws InterruptedException {
        Tools.require(
                new TmuxClient(null).run("-V").ok(),
                "tmux test skipped: tmux is not installed (see scripts/test-packages.txt)");
    }

    @Test
    void aMessageIsNeverPastedBehindTextLeftInTheInputLineEvenAfterARestart() throws Exception {
        Path typed = dir.resolve("typed.log");
        Path data = dir.resolve("data");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = TmuxDeliveryTest.agent(server);
            assertTrue(TmuxDeliverer.create(data)
                    .deliver(Messages.to("Agent-2", "first"), agent)
                    .verified());
            assertTrue(
                    Files.readString(data.resolve(InputLines.FILE_NAME)).contains("ready>"),
                    "the empty line is kept for the next process");

            // GIVEN a paste that was never submitted (the process delivering it was killed before Enter)
            leaveUnsubmitted(server, "half typed");

            // WHEN the next message comes, to a deliverer started afresh on the same data dir (a restarted node)
            DeliveryOutcome o = TmuxDeliverer.create(data).deliver(Messages.to("Agent-2", "second"), agent);

            // THEN nothing is pasted: it fails clean (the next method may take it), and the program got no
            // "half typedsecond"
            assertFalse(o.delivered(), o.toString());
            assertTrue(o.fallbackAllowed(), o.toString());
            assertTrue(
                    o.detail().contains("input line is not empty") && o.detail().contains("nothing was pasted"),
                    o.detail());
            assertTrue(server.capture().contains("ready> half typed"), server.capture());
            assertFalse(server.capture().contains("second"), server.capture());
            assertEquals(List.of("first"), SubmittedLog.read(typed));

            // ... and once the user clears the line, delivery goes on
            server.sendKeys("C-u");
            Await.until(Duration.ofSeconds(30), () -> !server.capture().contains("half typed"), server::capture);
            DeliveryOutcome again = TmuxDeliverer.create(data).deliver(Messages.to("Agent-2", "second"), agent);
            assertTrue(again.verified(), again.toString());
            assertEquals(List.of("first", "second"), SubmittedLog.read(typed));
        }
    }

    @Test
    void aUsersDraftIsNeverPastedInto() throws Exception {
        Path typed = dir.resolve("typed.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = TmuxDeliveryTest.agent(server);
            TmuxDeliverer tmux = new TmuxDeliverer();
            assertTrue(tmux.deliver(Messages.to("Agent-2", "first"), agent).verified());
            server.sendKeys("-l", "my draft, not finished");
            Await.until(Duration.ofSeconds(30), () -> server.capture().contains("not finished"), server::capture);

            for (int i = 0; i < 3; i++) {
                DeliveryOutcome o = tmux.deliver(Messages.to("Agent-2", "message " + i), agent);
                assertFalse(o.delivered(), o.toString());
                assertTrue(o.detail().contains("input line is not empty"), o.detail());
            }

            // The user sends the draft themselves; then the next message goes in on its own line
            server.sendKeys("Enter");
            Await.until(Duration.ofSeconds(30), () -> read(typed).size() == 2, () -> "" + read(typed));
            assertTrue(tmux.deliver(Messages.to("Agent-2", "message 3"), agent).verified());
            assertEquals(List.of("first", "my draft, not finished", "message 3"), SubmittedLog.read(typed));
        }
    }

    @Test
    void theTextOfADeliveryCutOffBeforeEnterIsSubmittedNotPastedAgain() throws Exception {
        Path typed = dir.resolve("typed.log");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(typed)) {
            AgentConfig agent = TmuxDeliveryTest.agent(server);
            TmuxDeliverer tmux = new TmuxDeliverer();
            assertTrue(tmux.deliver(Messages.to("Agent-2", "first"), agent).verified());
            UnifiedMessage cut = Messages.to("Agent-2", "second line one\nsecond → line two");
            leaveUnsubmitted(server, cut.body());

            // A message that is not the one in the line is no reason to touch it
            assertEquals(Optional.empty(), tmux.finishInterrupted(Messages.to("Agent-2", "second"), agent));
            assertEquals(Optional.empty(), tmux.finishInterrupted(Messages.to("Agent-2", "line two"), agent));

            // The one in the line is submitted, once
            Optional<DeliveryOutcome> o = tmux.finishInterrupted(cut, agent);
            assertTrue(o.isPresent() && o.get().verified(), o.toString());
            assertTrue(o.get().detail().contains("unsubmitted"), o.get().detail());
            assertEquals(List.of("first", cut.body()), SubmittedLog.read(typed));

            // Asked again, the line is empty: it may have been submitted or never pasted, so nothing is typed
            assertEquals(Optional.empty(), tmux.finishInterrupted(cut, agent));

            // A delivery that finds its own text left in the line (a service restarted mid-delivery delivers the
            // message again) submits it instead of pasting it a second time
            UnifiedMessage third = Messages.to("Agent-2", "third");
            leaveUnsubmitted(server, third.body());
            DeliveryOutcome d = tmux.deliver(third, agent);
            assertTrue(d.verified(), d.toString());
            assertEquals(List.of("first", cut.body(), "third"), SubmittedLog.read(typed));
        }
    }

    @Test
    void aPromptThatChangesWithEveryInputIsNeverTakenForText() throws Exception {
        // GIVEN a shell whose prompt counts its commands (allowed by tmux.expect): the line never looks the same
        // before and after a submit, so no empty look is learned and nothing is refused
        try (TestPane pane = TestPane.running("env HISTFILE=/dev/null PS1='[\\#] $ ' bash --norc --noprofile -i")) {
            pane.awaitCommand("bash");
            Await.until(TestPane.WAIT, () -> pane.capture().strip().endsWith("$"), pane::capture);
            TmuxDeliverer tmux = new TmuxDeliverer();
            AgentConfig agent = pane.agent("A", List.of("bash"));
            for (int i = 1; i <= 3; i++) {
                DeliveryOutcome o = tmux.deliver(Messages.to("A", "echo out-$((" + i + "*7))"), agent);
                assertTrue(o.verified(), o.toString());
            }
            Await.until(TestPane.WAIT, () -> pane.capture().contains("out-21"), pane::capture);
            assertTrue(pane.capture().contains("[4] $"), pane.capture());
        }
    }

    @Test
    void aProgramRestartedWithAnotherPromptIsNotTakenForADraft() throws Exception {
        Path submitted = dir.resolve("submitted.log");
        try (TestPane pane = TestPane.shell()) {
            pane.startChatApp(dir.resolve("chat.log"));
            TmuxDeliverer tmux = new TmuxDeliverer();
            AgentConfig agent = pane.agent("A", null);
            assertTrue(tmux.deliver(Messages.to("A", "hello"), agent).verified());

            // WHEN the program is replaced by another one of the same name that draws another prompt
            pane.killForegroundProgram();
            pane.awaitCommand("bash");
            pane.type("/usr/bin/python3 "
                    + TestPane.quote(TestPane.resource("/tui/raw_target.py").toString()) + " placeholder "
                    + TestPane.quote(submitted.toString()));
            pane.awaitCommand("python3");
            Await.until(TestPane.WAIT, () -> pane.capture().strip().endsWith(">"), pane::capture);

            // THEN its input is taken as new (not refused as a draft): the text is pasted and submitted
            DeliveryOutcome o = tmux.deliver(Messages.to("A", "after the restart"), agent);
            assertTrue(o.delivered(), o.toString());
            Await.until(TestPane.WAIT, () -> read(submitted).size() == 1, () -> "" + read(submitted));
            assertEquals(List.of("after the restart"), read(submitted));
        }
    }

    /** Pastes as a delivery does, then stops before Enter, and waits until the program shows the text. */
    static void leaveUnsubmitted(PrivateTmuxServer server, String text) throws InterruptedException {
        TmuxClient tmux = new TmuxClient(server.socket());
        assertTrue(tmux.runWithInput(text, "load-buffer", "-b", "left", "-").ok());
        assertTrue(tmux.run("paste-buffer", "-p", "-r", "-d", "-b", "left", "-t", server.target())
                .ok());
        String last = text.substring(text.lastIndexOf('\n') + 1);
        Await.until(Duration.ofSeconds(30), () -> server.capture().contains(last), server::capture);
    }

    private static List<String> read(Path file) {
        try {
            return SubmittedLog.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
