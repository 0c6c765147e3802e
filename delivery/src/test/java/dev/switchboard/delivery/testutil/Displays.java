package dev.switchboard.delivery.testutil;

import dev.switchboard.testkit.Tools;
import java.awt.GraphicsEnvironment;

/** GUI tests need an X display; the module's surefire JVM wrapper provides one via xvfb-run when it can. */
public final class Displays {

    private Displays() {}

    public static void assumeDisplay() {
        String display = System.getenv("DISPLAY");
        Tools.require(
                display != null && !display.isBlank() && !GraphicsEnvironment.isHeadless(),
                "GUI test skipped: no X display and no xvfb-run to start one (install the packages in"
                        + " scripts/test-packages.txt: xvfb, xauth)");
    }
}
