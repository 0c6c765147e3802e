package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need a system tool (tmux, an X display) skip when it is missing on a developer's machine, but
 * fail under the README's test command ({@code ./switchboard test}, which installs the tools and sets
 * {@code SWITCHBOARD_REQUIRE_TOOLS=1}): there a skip would hide that a whole kind of delivery went untested.
 */
public final class Tools {
    public static final String REQUIRE = "SWITCHBOARD_REQUIRE_TOOLS";

    private Tools() {}

    /** Skips (or, when tools are required, fails) the test unless {@code available}. */
    public static void require(boolean available, String missing) {
        if (!available && required()) {
            fail(missing + ", and " + REQUIRE + " is set (./switchboard test must run every test)");
        }
        assumeTrue(available, missing);
    }

    static boolean required() {
        String v = System.getenv(REQUIRE);
        return v != null && !v.isBlank() && !v.equals("0");
    }
}
