package dev.switchboard.bot;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.resilience.CircuitBreaker;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.gui.GuiTiming;
import dev.switchboard.delivery.gui.TimingStore;
import dev.switchboard.web.FleetProbe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The web server's view of this process: the delivery chain's breakers, the running bridges, GUI timing. */
final class AppFleetProbe implements FleetProbe {
    /** One agent's GUI timing and whether it was measured (else the defaults are in use). */
    record Timing(GuiTiming timing, boolean measured) {}

    private final FallbackChain chain;
    private final Supplier<List<Bridge>> bridges;
    private final AgentRegistry agents;
    private final TimingStore timing;

    AppFleetProbe(FallbackChain chain, Supplier<List<Bridge>> bridges, AgentRegistry agents, Path dataDir) {
        this.chain = chain;
        this.bridges = bridges;
        this.agents = agents;
        this.timing = new TimingStore(dataDir);
    }

    @Override
    public CircuitBreaker.State breaker(String agent, DeliveryMethod method) {
        return chain.breaker(agent, method).state();
    }

    @Override
    public List<BridgeState> bridges() {
        return bridges.get().stream()
                .map(b -> new BridgeState(b.name(), b.connected()))
                .toList();
    }

    @Override
    public Map<String, Object> timing() {
        Map<String, GuiTiming> measured = timing.readAll();
        Map<String, Object> out = new LinkedHashMap<>();
        for (AgentConfig a : agents.all()) {
            if (a.delivery().contains(DeliveryMethod.GUI)) {
                GuiTiming t = measured.get(a.id());
                out.put(a.id(), new Timing(t == null ? GuiTiming.DEFAULTS : t, t != null));
            }
        }
        return out;
    }
}
