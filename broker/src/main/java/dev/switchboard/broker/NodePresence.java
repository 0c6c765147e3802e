package dev.switchboard.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Which nodes are online, from their heartbeats. A node is offline when it has not been heard from for
 * {@code offlineAfter} (a node the hub has never heard from counts from the hub's start). Each change is
 * reported once: "node desk-2 offline", and again "node desk-2 online" when it is back.
 */
final class NodePresence {
    /** What {@code agents} shows for a node. */
    public record State(String node, boolean online, Instant lastSeen) {}

    private final Clock clock;
    private final Duration offlineAfter;
    private final Instant started;
    private final Map<String, Instant> lastSeen = new TreeMap<>();
    private final Map<String, Boolean> announced = new TreeMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public NodePresence(Set<String> expectedNodes, Duration offlineAfter, Clock clock) {
        this.clock = clock;
        this.offlineAfter = offlineAfter;
        this.started = clock.instant();
        for (String n : expectedNodes) {
            announced.put(n, Boolean.TRUE); // assumed online until it has had time to say so
        }
    }

    /** @param listener gets one line per change ("node desk-2 offline: …") */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    synchronized void heard(String node) {
        lastSeen.put(node, clock.instant());
        announced.putIfAbsent(node, Boolean.TRUE);
        check();
    }

    /** Looks for changes now; the hub calls this every second. */
    public void check() {
        List<String> lines = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Boolean> e : announced.entrySet()) {
                boolean online = online(e.getKey());
                if (online != e.getValue()) {
                    e.setValue(online);
                    lines.add(
                            online
                                    ? "🟢 node " + e.getKey() + " is online again"
                                    : "🔴 node " + e.getKey() + " offline: its agents' messages wait in the broker");
                }
            }
        }
        for (String line : lines) {
            listeners.forEach(l -> l.accept(line));
        }
    }

    private boolean online(String node) {
        // A node never heard from counts from the hub's start.
        Instant since = lastSeen.getOrDefault(node, started);
        return !clock.instant().isAfter(since.plus(offlineAfter));
    }

    public synchronized Optional<State> of(String node) {
        if (node == null || !announced.containsKey(node)) {
            return Optional.empty();
        }
        return Optional.of(new State(node, announced.get(node), lastSeen.get(node)));
    }
}
