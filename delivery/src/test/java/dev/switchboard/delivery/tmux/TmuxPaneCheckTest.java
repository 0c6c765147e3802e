package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.core.Await;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.Tools;
import dev.switchboard.testkit.gui.SubmittedLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What tmux delivery does with panes that do not run a well-behaved agent program: real tmux, real programs. */
@Timeout(120)
class TmuxPaneCheckTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() throws InterruptedException {
        Tools.require(
                new TmuxClient(null).run("-V").ok(),
                "tmux test skipped: tmux is not installed (see scripts/test-packages.txt)");
    }

    @Test
    void aShellPromptIsRefusedCleanlyAndGetsNothing() throws Exception {
        try (TestPane pane = TestPane.shell()) {
            DeliveryOutcome o =
                    new TmuxDeliverer().deliver(Messages.to("Agent-2", "thanks"), pane.agent("Agent-2", null));

            assertFalse(o.delivered(), o.toString());
            assertTrue(o.fallbackAllowed(), "nothing was pasted, so the next method may take it: " + o);
            assertTrue(
                    o.detail().contains("runs bash, a shell") && o.detail().endsWith("nothing was pasted"), o.detail());
            // The line typed now is the next thing the shell runs: had "thanks" been pasted, it would show first.
            pane.type("echo done-$((6*7))");
            Await.until(TestPane.WAIT, () -> pane.capture().contains("done-42"), pane::capture);
            assertFalse(pane.capture().contains("thanks"), pane.capture());
        }
    }

    @Test
    void aShellListedInExpectIsAllowedAndAProgramNotListedIsRefused() throws Exception {
        try (TestPane pane = TestPane.shell()) {
            assertEquals(Optional.empty(), new TmuxDeliverer().preflight(pane.agent("A", List.of("bash"))));
            Optional<String> why = new TmuxDeliverer().preflight(pane.agent("A", List.of("claude", "node")));
            assertTrue(
                    why.isPresent() && why.get().contains("runs bash, which is not in tmux.expect [claude, node]"),
                    why.toString());
        }
    }

    @Test
    void aDeadPaneIsRefused() throws Exception {
        try (TestPane pane = TestPane.running("cat")) {
            pane.awaitCommand("cat");
            pane.tmux.run("send-keys", "-t", TestPane.TARGET, "C-d");
            Await.until(TestPane.WAIT, () -> "1".equals(pane.show("#{pane_dead}")), pane::capture);

            DeliveryOutcome o = new TmuxDeliverer().deliver(Messages.to("A", "hello"), pane.agent("A", List.of("cat")));

            assertFalse(o.delivered(), o.toString());
            assertTrue(o.fallbackAllowed(), o.toString());
            assertTrue(o.detail().contains("is dead"), o.detail());
        }
    }

    @Test
    void whatTheProgramPrintsAfterEnterIsNotTakenForTheEcho() throws Exception {
        // GIVEN a program that echoes nothing as text arrives, then quotes it in an error on Enter (a shell would)
        Path submitted = dir.resolve("submitted.log");
        try (TestPane pane = target("quiet-shell", submitted)) {
            DeliveryOutcome o = new TmuxDeliverer().deliver(Messages.to("A", "thanks"), pane.agent("A", null));
            Await.until(TestPane.WAIT, () -> pane.capture().contains("bash: thanks: command not found"), pane::capture);

            // THEN it was submitted, but "thanks" inside the error is no proof that it was typed into an input
            assertTrue(o.delivered(), o.toString());
            assertFalse(o.verified(), o.toString());
            assertEquals(List.of("thanks"), SubmittedLog.read(submitted));
        }
    }

    @Test
    void aPaneThatShowsSomethingElseForThePasteIsAnsweredWithoutWaitingOutATimeout() throws Exception {
        // GIVEN a program that shows "[Pasted text #n]" in place of a paste, as some agent TUIs do
        Path submitted = dir.resolve("submitted.log");
        try (TestPane pane = target("placeholder", submitted)) {
            List<String> texts = List.of("first\nmessage", "second", "third 🚀");
            for (String text : texts) {
                DeliveryOutcome o = new TmuxDeliverer().deliver(Messages.to("A", text), pane.agent("A", null));
                // THEN each is submitted and reported unverified on the pane's own answer (the settled
                // placeholder), not after a timeout spent waiting for text that will never show
                assertTrue(o.delivered() && !o.verified(), o.toString());
                assertTrue(o.detail().contains("showed something else than the text"), o.detail());
            }
            // (the last Enter may still be on its way to the program when deliver returns)
            Await.until(TestPane.WAIT, () -> read(submitted).size() >= texts.size(), () -> "" + read(submitted));
            assertEquals(texts, read(submitted));
        }
    }

    private static List<String> read(Path file) {
        try {
            return SubmittedLog.read(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TestPane target(String mode, Path submitted) throws InterruptedException {
        TestPane pane = TestPane.running("/usr/bin/python3 "
                + TestPane.quote(TestPane.resource("/tui/raw_target.py").toString()) + " " + mode + " "
                + TestPane.quote(submitted.toString()));
        try {
            pane.awaitCommand("python3");
            Await.until(TestPane.WAIT, () -> pane.capture().strip().startsWith(">"), pane::capture);
            return pane;
        } catch (RuntimeException | AssertionError e) {
            pane.close();
            throw e;
        }
    }
}
