package dev.switchboard.bot.lifecycle;

import dev.switchboard.bot.Bridge;
import dev.switchboard.core.lifecycle.Service;
import java.util.List;
import java.util.function.Supplier;

/**
 * A chat bridge as an optional service: Switchboard runs without it while its platform cannot be reached, and
 * the supervisor keeps trying. Each start uses a fresh bridge (a closed one cannot start again). A rejected token
 * is the bridge's {@link dev.switchboard.core.lifecycle.FatalServiceException}, which still stops the start.
 */
public final class BridgeService implements Service {
    private final String name;
    private final List<String> dependsOn;
    private final Supplier<Bridge> factory;
    private volatile Bridge current;

    public BridgeService(String name, List<String> dependsOn, Supplier<Bridge> factory) {
        this.name = name;
        this.dependsOn = List.copyOf(dependsOn);
        this.factory = factory;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public synchronized void start() throws Exception {
        Bridge bridge = factory.get();
        try {
            bridge.start();
        } catch (Exception | Error e) {
            bridge.close();
            throw e;
        }
        current = bridge;
    }

    @Override
    public synchronized void stop() {
        Bridge bridge = current;
        current = null;
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    public Health health() {
        Bridge bridge = current;
        return bridge == null ? Health.failed("not running") : bridge.health();
    }
}
