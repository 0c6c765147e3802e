package dev.switchboard.delivery.gui;

import dev.switchboard.config.ScreenPoint;
import java.util.List;
import java.util.Optional;

/** The one mouse, keyboard and screen of this machine; the seam between delivery logic and java.awt.Robot. */
public interface Desktop {

    /** Why there is no usable display (headless, DISPLAY unset, X server gone), or empty when there is one. */
    Optional<String> displayProblem();

    /** Bounds of every screen in virtual-desktop coordinates. */
    List<Region> screens();

    /** Captures a region; the region lies on a screen. */
    Look capture(Region region);

    void click(int x, int y);

    /** Where the mouse pointer is, when that can be told. */
    Optional<ScreenPoint> pointer();

    /** Moves the pointer without clicking. */
    void movePointer(int x, int y);

    /** Presses the chord's modifiers, taps its key, releases the modifiers. */
    void press(KeyChord chord);

    /** The screen holding the point, if any. */
    default Optional<Region> screenOf(int x, int y) {
        return screens().stream().filter(s -> s.contains(x, y)).findFirst();
    }
}
