package dev.switchboard.web;

import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.resilience.CircuitBreaker;
import java.util.List;
import java.util.Map;

/**
 * What the running application knows beyond the queue: delivery breakers, chat bridges and GUI timing. The
 * application implements it over its delivery chain and bridges; tests give a small fake.
 */
public interface FleetProbe {
    /** One chat bridge (discord, twitch, console) and whether it is connected now. */
    record BridgeState(String name, boolean connected) {}

    CircuitBreaker.State breaker(String agent, DeliveryMethod method);

    List<BridgeState> bridges();

    /** Adaptive GUI timing by agent id, for agents delivering by GUI: any value JSON can show (records, maps). */
    Map<String, Object> timing();

    /** Nothing known: every breaker closed, no bridges, no timing. */
    FleetProbe NONE = new FleetProbe() {
        @Override
        public CircuitBreaker.State breaker(String agent, DeliveryMethod method) {
            return CircuitBreaker.State.CLOSED;
        }

        @Override
        public List<BridgeState> bridges() {
            return List.of();
        }

        @Override
        public Map<String, Object> timing() {
            return Map.of();
        }
    };
}
