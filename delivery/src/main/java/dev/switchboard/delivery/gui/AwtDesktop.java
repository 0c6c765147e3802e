package dev.switchboard.delivery.gui;

import dev.switchboard.config.ScreenPoint;
import java.awt.AWTError;
import java.awt.AWTException;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.PointerInfo;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Desktop} on java.awt.Robot. Thin on purpose: every decision lives in {@link GuiDeliverer}. */
public final class AwtDesktop implements Desktop {

    private volatile Robot robot;

    @Override
    public Optional<String> displayProblem() {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.of("no display: Java runs headless (is DISPLAY set? is java.awt.headless=true?)");
        }
        try {
            if (GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length == 0) {
                return Optional.of("no display: no screens found");
            }
            robot();
            return Optional.empty();
        } catch (AWTException | AWTError | HeadlessException | SecurityException e) {
            return Optional.of("no display: " + e.getMessage());
        }
    }

    @Override
    public List<Region> screens() {
        List<Region> out = new ArrayList<>();
        for (GraphicsDevice device :
                GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
            Rectangle b = device.getDefaultConfiguration().getBounds();
            out.add(new Region(b.x, b.y, b.width, b.height));
        }
        return out;
    }

    @Override
    public Look capture(Region region) {
        BufferedImage img = robotOrThrow()
                .createScreenCapture(new Rectangle(region.x(), region.y(), region.width(), region.height()));
        int w = img.getWidth();
        int h = img.getHeight();
        return new Look(w, h, img.getRGB(0, 0, w, h, null, 0, w));
    }

    @Override
    public void click(int x, int y) {
        Robot r = robotOrThrow();
        r.mouseMove(x, y);
        r.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        r.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    }

    @Override
    public Optional<ScreenPoint> pointer() {
        try {
            PointerInfo info = MouseInfo.getPointerInfo();
            if (info == null) {
                return Optional.empty(); // on a screen Java does not know (some multi-display set-ups)
            }
            Point p = info.getLocation();
            return Optional.of(new ScreenPoint(p.x, p.y));
        } catch (HeadlessException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public void movePointer(int x, int y) {
        robotOrThrow().mouseMove(x, y);
    }

    @Override
    public void press(KeyChord chord) {
        Robot r = robotOrThrow();
        List<Integer> mods = new ArrayList<>();
        for (KeyChord.Modifier m : KeyChord.Modifier.values()) {
            if (chord.modifiers().contains(m)) {
                mods.add(
                        switch (m) {
                            case CTRL -> KeyEvent.VK_CONTROL;
                            case SHIFT -> KeyEvent.VK_SHIFT;
                            case ALT -> KeyEvent.VK_ALT;
                            case META -> KeyEvent.VK_META;
                        });
            }
        }
        int key = switch (chord.key()) {
            case ENTER -> KeyEvent.VK_ENTER;
            case V -> KeyEvent.VK_V;
            case A -> KeyEvent.VK_A;
            case BACKSPACE -> KeyEvent.VK_BACK_SPACE;
        };
        // Release in a finally: a modifier left down would wreck the user's next keystrokes.
        int pressed = 0;
        try {
            for (int m : mods) {
                r.keyPress(m);
                pressed++;
            }
            r.keyPress(key);
            r.keyRelease(key);
        } finally {
            for (int i = pressed - 1; i >= 0; i--) {
                r.keyRelease(mods.get(i));
            }
        }
    }

    private Robot robotOrThrow() {
        try {
            return robot();
        } catch (AWTException e) {
            throw new IllegalStateException("no display: " + e.getMessage(), e);
        }
    }

    private Robot robot() throws AWTException {
        Robot r = robot;
        if (r == null) {
            synchronized (this) {
                if (robot == null) {
                    Robot created = new Robot();
                    // Waits are ours (polling the screen); Robot's own delays would only add latency.
                    created.setAutoDelay(0);
                    created.setAutoWaitForIdle(false);
                    robot = created;
                }
                r = robot;
            }
        }
        return r;
    }
}
