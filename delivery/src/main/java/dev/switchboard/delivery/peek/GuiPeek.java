package dev.switchboard.delivery.peek;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.ScreenPoint;
import dev.switchboard.core.snapshot.Attachment;
import dev.switchboard.core.snapshot.Snapshot;
import dev.switchboard.core.snapshot.SnapshotSource.SnapshotException;
import dev.switchboard.delivery.gui.Desktop;
import dev.switchboard.delivery.gui.InputLock;
import dev.switchboard.delivery.gui.Look;
import dev.switchboard.delivery.gui.Region;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A PNG of the screen around a GUI agent's input box: the part of its window people look at (the latest
 * answer above the box, the box itself). Taken under the GUI input lock, so never in the middle of a delivery
 * (a half-pasted text or a focus change would show, and the capture would compete with the delivery's own).
 */
final class GuiPeek {
    /** Region: 900 px wide centred on the box, 560 px high with the box near its bottom. */
    static final int HALF_WIDTH = 450;

    static final int ABOVE = 480;
    static final int BELOW = 80;
    /** How long a peek waits for a running GUI delivery to finish. */
    static final long LOCK_WAIT_MS = 20_000;

    private final Desktop desktop;
    private final InputLock lock;

    GuiPeek(Desktop desktop, InputLock lock) {
        this.desktop = desktop;
        this.lock = lock;
    }

    Snapshot take(AgentConfig agent) throws InterruptedException {
        if (agent.gui() == null || agent.gui().inputBox() == null) {
            throw new SnapshotException(agent.id() + " has no gui.input_box configured");
        }
        ScreenPoint box = agent.gui().inputBox();
        Optional<String> display = desktop.displayProblem();
        if (display.isPresent()) {
            throw new SnapshotException("cannot take a picture of " + agent.id() + ": " + display.get());
        }
        Region screen = desktop.screenOf(box.x(), box.y())
                .orElseThrow(() -> new SnapshotException(agent.id() + ": gui.input_box " + box + " is on no screen"));
        Region region =
                new Region(box.x() - HALF_WIDTH, box.y() - ABOVE, 2 * HALF_WIDTH, ABOVE + BELOW).intersect(screen);
        if (!lock.acquire(LOCK_WAIT_MS)) {
            throw new SnapshotException(
                    "a GUI delivery has been running for " + LOCK_WAIT_MS / 1000 + " s; try peek again in a moment");
        }
        Look look;
        try {
            look = desktop.capture(region);
        } finally {
            lock.release();
        }
        return new Snapshot(
                agent.id() + " · screen around its input box (" + region.width() + "×" + region.height() + " at "
                        + region.x() + "," + region.y() + ")",
                List.of(),
                List.of(Attachment.png(agent.id() + ".png", png(look))));
    }

    static byte[] png(Look look) {
        BufferedImage img = new BufferedImage(look.width(), look.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, look.width(), look.height(), look.pixels(), 0, look.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new SnapshotException("cannot encode the picture: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
