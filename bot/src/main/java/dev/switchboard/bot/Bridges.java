package dev.switchboard.bot;

import dev.switchboard.config.Secrets;
import java.util.ArrayList;
import java.util.List;

/** The chat bridges to start: each only when its token is in the environment. */
final class Bridges {
    private Bridges() {
    }

    static List<Bridge> create(App app, Secrets secrets) {
        List<Bridge> bridges = new ArrayList<>();
        return bridges;
    }
}
