package dev.switchboard.delivery.peek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.GuiConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.snapshot.Attachment;
import dev.switchboard.core.snapshot.Snapshot;
import dev.switchboard.core.snapshot.SnapshotSource.SnapshotException;
import dev.switchboard.delivery.gui.AwtDesktop;
import dev.switchboard.delivery.gui.Desktop;
import dev.switchboard.delivery.gui.InputLock;
import dev.switchboard.delivery.gui.KeyChord;
import dev.switchboard.delivery.gui.Look;
import dev.switchboard.delivery.gui.Region;
import dev.switchboard.delivery.testutil.Displays;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.delivery.tmux.TmuxClient;
import dev.switchboard.delivery.tmux.TmuxDeliverer;
import dev.switchboard.testkit.gui.TargetProcess;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** peek on real things: a tmux pane on a private server, real inbox files, a Swing chat window under Xvfb. */
@Timeout(120)
class AgentPeekerTest {
    @TempDir
    Path dir;

    private AgentPeeker peeker(Desktop desktop, InputLock lock) {
        return new AgentPeeker(
                () -> desktop,
                lock,
                Optional::empty,
                a -> dir.resolve(a.id()).resolve("inbox"),
                a -> dir.resolve(a.id()).resolve("outbox"));
    }

    @Test
    void tmuxAgentShowsTheLastLinesOfItsPane() throws Exception {
        assumeTrue(new TmuxClient(null).run("-V").ok(), "tmux is not installed (see scripts/test-packages.txt)");
        try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(dir.resolve("pane.log"))) {
            AgentConfig agent = new AgentConfig(
                    "Agent-2",
                    List.of(),
                    List.of(),
                    List.of(DeliveryMethod.TMUX),
                    null,
                    null,
                    new TmuxConfig(server.target(), server.socket()));
            assertTrue(new TmuxDeliverer()
                    .deliver(Messages.to("Agent-2", "rerun the flaky test"), agent)
                    .delivered());

            Snapshot s = peeker(null, new InputLock()).take(agent);

            assertTrue(s.title().startsWith("Agent-2 · tmux pane agents:0.0 · last "), s.title());
            assertEquals(1, s.attachments().size());
            Attachment pane = s.attachments().get(0);
            assertEquals(Attachment.TEXT, pane.mediaType());
            assertTrue(pane.text().contains("rerun the flaky test"), pane.text());
            assertTrue(pane.text().lines().count() <= TmuxPeek.LINES);
            assertTrue(!pane.text().endsWith("\n"), "trailing empty lines are trimmed");
        }
    }

    @Test
    void tmuxPaneThatIsGoneSaysSoInOneLine() {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        AgentConfig agent = new AgentConfig(
                "Agent-2",
                List.of(),
                List.of(),
                List.of(DeliveryMethod.TMUX),
                null,
                null,
                new TmuxConfig("nosuch:0.0", "switchboard-peek-none"));
        SnapshotException e = assertThrows(
                SnapshotException.class, () -> peeker(null, new InputLock()).take(agent));
        assertTrue(e.getMessage().startsWith("tmux pane nosuch:0.0 not reachable: "), e.getMessage());
    }

    private static boolean tmuxInstalled() {
        try {
            return new TmuxClient(null).run("-V").ok();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void inboxAgentShowsItsNewestInboxAndOutboxFiles() throws Exception {
        AgentConfig agent = AgentConfig.inboxOnly("Agent-3");
        Path inbox = Files.createDirectories(dir.resolve("Agent-3").resolve("inbox"));
        Path sent =
                Files.createDirectories(dir.resolve("Agent-3").resolve("outbox").resolve("sent"));
        write(inbox.resolve("20261129T100000Z_a.md"), "older message", 100);
        write(inbox.resolve("20261129T100100Z_b.md"), "newest message", 200);
        write(sent.resolve("answer.md"), "x".repeat(InboxPeek.MAX_CHARS + 50), 150);

        Snapshot s = peeker(null, new InputLock()).take(agent);

        assertEquals("Agent-3 · newest inbox and outbox files", s.title());
        assertTrue(
                s.lines().get(0).startsWith("inbox: inbox/20261129T100100Z_b.md (14 bytes"),
                s.lines().toString());
        assertTrue(
                s.lines().get(1).startsWith("outbox: sent/answer.md (" + (InboxPeek.MAX_CHARS + 50) + " bytes"),
                s.lines().toString());
        assertTrue(
                s.lines().get(1).endsWith(", first " + InboxPeek.MAX_CHARS + " characters)"),
                s.lines().get(1));
        assertEquals("newest message", s.attachments().get(0).text());
        assertEquals(InboxPeek.MAX_CHARS, s.attachments().get(1).text().length());
        assertEquals(
                List.of("Agent-3-inbox.md", "Agent-3-outbox.md"),
                s.attachments().stream().map(Attachment::fileName).toList());
    }

    @Test
    void inboxAgentWithNothingYetSaysEmpty() throws Exception {
        Snapshot s = peeker(null, new InputLock()).take(AgentConfig.inboxOnly("Agent-4"));
        assertEquals(List.of("inbox: empty", "outbox: empty"), s.lines());
        assertEquals(List.of(), s.attachments());
    }

    private static void write(Path file, String text, long epochSecond) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_800_000_000L + epochSecond)));
    }

    @Test
    void guiAgentGivesAPngOfItsWindowAndNeverCapturesDuringADelivery() throws Exception {
        Displays.assumeDisplay();
        try (TargetProcess target = TargetProcess.start(null, dir.resolve("submitted.log"), 500, 500, "enter")) {
            AgentConfig agent = new AgentConfig(
                    "Agent-1",
                    List.of(),
                    List.of(),
                    List.of(DeliveryMethod.GUI),
                    null,
                    new GuiConfig(target.inputBox(), null, "enter"),
                    null);
            CountingDesktop desktop = new CountingDesktop(new AwtDesktop());
            InputLock lock = new InputLock();
            AgentPeeker peeker = peeker(desktop, lock);

            Region region = new Region(
                    target.inputBox().x() - GuiPeek.HALF_WIDTH,
                    target.inputBox().y() - GuiPeek.ABOVE,
                    2 * GuiPeek.HALF_WIDTH,
                    GuiPeek.ABOVE + GuiPeek.BELOW);
            Look settled = settle(new AwtDesktop(), region);

            // GIVEN a GUI delivery holds the input lock
            assertTrue(lock.acquire(1_000));
            Thread[] peekThread = new Thread[1];
            CompletableFuture<Snapshot> peek = CompletableFuture.supplyAsync(() -> {
                peekThread[0] = Thread.currentThread();
                try {
                    return peeker.take(agent);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // WHEN the peek is parked on the lock THEN it has captured nothing
            while (peekThread[0] == null || peekThread[0].getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            assertEquals(0, desktop.captures.get());
            assertTrue(!peek.isDone());
            lock.release();

            // THEN once the delivery is done, the picture is taken: a PNG of the region around the input box
            Snapshot s = peek.get(30, TimeUnit.SECONDS);
            assertEquals(1, desktop.captures.get());
            Attachment png = s.attachments().get(0);
            assertEquals(Attachment.PNG, png.mediaType());
            assertEquals("Agent-1.png", png.fileName());
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.content()));
            assertEquals(2 * GuiPeek.HALF_WIDTH, img.getWidth());
            assertEquals(GuiPeek.ABOVE + GuiPeek.BELOW, img.getHeight());
            // the picture is of the right place: what the screen shows there now (a blinking caret aside)
            int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
            Look pictured = new Look(img.getWidth(), img.getHeight(), pixels);
            assertTrue(pictured.sameAs(settled), "the picture shows the region around the input box");
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 4) {
                for (int x = 0; x < img.getWidth(); x += 4) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertTrue(colours.size() >= 2, "the window stands out from the screen around it");
            assertTrue(s.title().startsWith("Agent-1 · screen around its input box (900×560 at "), s.title());
        }
    }

    @Test
    void guiAgentWithItsBoxOnNoScreenSaysSo() throws Exception {
        Displays.assumeDisplay();
        AgentConfig agent = new AgentConfig(
                "Agent-1",
                List.of(),
                List.of(),
                List.of(DeliveryMethod.GUI),
                null,
                new GuiConfig(new ScreenPoint(-50_000, 10), null, "enter"),
                null);
        SnapshotException e = assertThrows(
                SnapshotException.class,
                () -> peeker(new AwtDesktop(), new InputLock()).take(agent));
        assertEquals("Agent-1: gui.input_box (-50000, 10) is on no screen", e.getMessage());
    }

    /**
     * The region once the window has finished painting: alike in ten captures 20 ms apart. Two captures in a row
     * alike were not enough once a capture took a millisecond: both could fall into a pause of a window still
     * painting itself.
     */
    private static Look settle(Desktop desktop, Region region) throws InterruptedException {
        Look before = desktop.capture(region);
        int alike = 0;
        while (alike < 10) {
            Thread.sleep(20);
            Look now = desktop.capture(region);
            alike = now.sameAs(before) ? alike + 1 : 0;
            before = now;
        }
        return before;
    }

    /** The real desktop, counting captures. */
    private static final class CountingDesktop implements Desktop {
        final AtomicInteger captures = new AtomicInteger();
        private final Desktop real;

        CountingDesktop(Desktop real) {
            this.real = real;
        }

        @Override
        public Optional<String> displayProblem() {
            return real.displayProblem();
        }

        @Override
        public List<Region> screens() {
            return real.screens();
        }

        @Override
        public Look capture(Region region) {
            captures.incrementAndGet();
            return real.capture(region);
        }

        @Override
        public void click(int x, int y) {
            real.click(x, y);
        }

        @Override
        public Optional<ScreenPoint> pointer() {
            return real.pointer();
        }

        @Override
        public void movePointer(int x, int y) {
            real.movePointer(x, y);
        }

        @Override
        public void press(KeyChord chord) {
            real.press(chord);
        }
    }
}
