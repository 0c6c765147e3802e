package dev.switchboard.delivery.gui;

import static dev.switchboard.delivery.gui.GuiDeliveryXvfbTest.agent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.InboxFormat;
import dev.switchboard.delivery.testutil.Displays;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.gui.TargetProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** GUI delivery inside the real fallback chain, with the real inbox deliverer, under Xvfb. */
@Timeout(120)
class GuiFallbackXvfbTest {

    @TempDir
    Path dir;

    private FallbackChain chain;

    @BeforeEach
    void setUp() {
        Displays.assumeDisplay();
        GuiDeliverer gui =
                new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), new InputLock(), new AdaptiveTiming(null));
        InboxDeliverer inbox = new InboxDeliverer(
                a -> dir.resolve("workspaces").resolve(a.id()).resolve("inbox"));
        chain = new FallbackChain(List.of(gui, inbox), 3, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Test
    void aClosedTargetWindowFallsBackToTheInboxAndSaysWhichMethodDelivered() throws Exception {
        // GIVEN an agent whose window was open at these coordinates and is now closed
        ScreenPoint where;
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("gone.log"), 60, 80, "enter")) {
            where = target.inputBox();
        }
        AgentConfig agent = agent("Agent-1", where, null, "enter");
        UnifiedMessage m = Messages.to("Agent-1", "run the migration\nthen report");

        // WHEN the message is delivered
        FallbackChain.Result result = chain.deliver(m, agent);

        // THEN the inbox delivered it, and the GUI's failure is reported beside it, saying that the paste may
        // still land in the box (nobody can tell a closed window from a slow one)
        assertTrue(result.outcome().delivered() && result.outcome().verified(), result.toString());
        assertEquals(DeliveryMethod.INBOX, result.method());
        assertTrue(result.detail().contains("gui failed: paste not seen"), result.detail());
        assertTrue(result.detail().contains("the text may still show up there unsubmitted"), result.detail());
        assertEquals(List.of("run the migration\nthen report"), inboxBodies("Agent-1"));
    }

    @Test
    void offScreenCoordinatesFailPreflightAndFallBackToTheInbox() throws Exception {
        AgentConfig agent = agent("Agent-4", new ScreenPoint(-20000, 50000), null, "enter");
        FallbackChain.Result result = chain.deliver(Messages.to("Agent-4", "hello"), agent);

        assertEquals(DeliveryMethod.INBOX, result.method());
        assertTrue(result.outcome().verified(), result.toString());
        assertTrue(
                result.detail().contains("gui failed: gui.input_box (-20000, 50000) is on no screen"), result.detail());
        assertEquals(List.of("hello"), inboxBodies("Agent-4"));
    }

    @Test
    void afterRepeatedFailuresTheBreakerSkipsTheGuiUntilItsCoolDown() throws Exception {
        AgentConfig agent = agent("Agent-5", new ScreenPoint(-20000, 50000), null, "enter");
        for (int i = 0; i < 3; i++) {
            chain.deliver(Messages.to("Agent-5", "message " + i), agent);
        }
        FallbackChain.Result fourth = chain.deliver(Messages.to("Agent-5", "message 3"), agent);

        assertEquals(DeliveryMethod.INBOX, fourth.method());
        assertTrue(fourth.detail().contains("gui paused after repeated failures"), fourth.detail());
        assertEquals(4, inboxBodies("Agent-5").size());
    }

    @Test
    void textTypedButNotSubmittedIsNeverDeliveredAgainByTheInbox() throws Exception {
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("stuck.log"), 60, 420, "none")) {
            AgentConfig agent = agent("Agent-6", target.inputBox(), null, "enter");
            FallbackChain.Result result = chain.deliver(Messages.to("Agent-6", "only once please"), agent);

            assertFalse(result.outcome().delivered(), result.toString());
            assertEquals(DeliveryMethod.GUI, result.method());
            assertTrue(result.outcome().detail().startsWith("typed but not submitted"), result.toString());
            assertEquals(List.of(), inboxBodies("Agent-6"));
        }
    }

    private List<String> inboxBodies(String agent) throws IOException {
        Path inbox = dir.resolve("workspaces").resolve(agent).resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> {
                        try {
                            return InboxFormat.bodyOf(Files.readString(p, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
