package dev.switchboard.commands.alerts;

import dev.switchboard.config.AlertsConfig;
import dev.switchboard.core.message.MessageIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the alert rules against {@link FleetSignals}. Each call of {@link #evaluate()} compares the
 * conditions that hold now with the active alerts: a new condition fires once, one that ended clears once,
 * one that goes on says nothing. The service calls it every {@code alerts.check_seconds}; tests call it with a
 * controllable clock.
 */
public final class AlertMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Supplier<AlertsConfig> rules;
    private final FleetSignals signals;
    private final Clock clock;
    private final Map<String, Alert> active = new LinkedHashMap<>();
    /** When each bridge was first seen disconnected (polled, so accurate to one check interval). */
    private final Map<String, Instant> bridgeDownSince = new HashMap<>();

    private final List<Consumer<AlertEvent>> subscribers = new CopyOnWriteArrayList<>();

    public AlertMonitor(Supplier<AlertsConfig> rules, FleetSignals signals, Clock clock) {
        this.rules = rules;
        this.signals = signals;
        this.clock = clock;
    }

    /** @return a handle that unsubscribes when closed */
    public AutoCloseable subscribe(Consumer<AlertEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** The alerts in force now, oldest first. */
    public synchronized List<Alert> active() {
        return List.copyOf(active.values());
    }

    /** Looks once; @return what fired and cleared (also handed to subscribers) */
    public List<AlertEvent> evaluate() {
        List<AlertEvent> events = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            Map<String, Alert> holding = conditions(rules.get(), now);
            for (Alert a : holding.values()) {
                if (!active.containsKey(a.key())) {
                    active.put(a.key(), a);
                    events.add(new AlertEvent(AlertEvent.Kind.FIRED, a, now));
                }
            }
            for (Alert a : List.copyOf(active.values())) {
                if (!holding.containsKey(a.key())) {
                    active.remove(a.key());
                    events.add(new AlertEvent(AlertEvent.Kind.CLEARED, a, now));
                }
            }
        }
        for (AlertEvent e : events) {
            LOG.warn("{}", e.announcement());
            for (Consumer<AlertEvent> s : subscribers) {
                try {
                    s.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("alert subscriber failed on {}", e.alert().key(), ex);
                }
            }
        }
        return events;
    }

    private Map<String, Alert> conditions(AlertsConfig cfg, Instant now) {
        Map<String, Alert> out = new LinkedHashMap<>();
        AlertsConfig.DeadLetters dl = cfg.deadLetters();
        if (dl.count() > 0) {
            int dead = signals.deadLettersSince(now.minus(Duration.ofMinutes(dl.minutes())));
            if (dead >= dl.count()) {
                add(
                        out,
                        "dead_letters",
                        "dead_letters",
                        dead + " dead letter" + (dead == 1 ? "" : "s") + " in the last " + dl.minutes()
                                + " min (queue list --state dead)",
                        now);
            }
        }
        if (cfg.breakerOpen()) {
            for (String breaker : signals.openBreakers()) {
                String[] parts = breaker.split("/", 2);
                String what = parts.length == 2 ? parts[0] + ": " + parts[1] + " delivery" : breaker;
                add(
                        out,
                        "breaker:" + breaker,
                        "breaker_open",
                        what + " is paused after repeated failures (circuit breaker open)",
                        now);
            }
        }
        if (cfg.unreadMinutes() > 0) {
            List<FleetSignals.Unread> unread =
                    signals.unreadDeliveredBefore(now.minus(Duration.ofMinutes(cfg.unreadMinutes())));
            if (!unread.isEmpty()) {
                FleetSignals.Unread oldest = unread.get(0);
                add(
                        out,
                        "unread",
                        "unread_minutes",
                        unread.size() + " message" + (unread.size() == 1 ? "" : "s")
                                + " delivered to an inbox but unread for over " + cfg.unreadMinutes() + " min (oldest #"
                                + MessageIds.shortForm(oldest.messageId()) + " to " + oldest.agent() + ", delivered "
                                + HH_MM.format(oldest.deliveredAt()) + ")",
                        now);
            }
        }
        Map<String, Boolean> bridges = signals.bridgesConnected();
        bridgeDownSince.keySet().retainAll(bridges.keySet());
        bridges.forEach((name, connected) -> {
            if (connected) {
                bridgeDownSince.remove(name);
            } else {
                bridgeDownSince.putIfAbsent(name, now);
            }
        });
        if (cfg.bridgeDownMinutes() > 0) {
            Duration limit = Duration.ofMinutes(cfg.bridgeDownMinutes());
            bridgeDownSince.forEach((name, since) -> {
                if (!since.plus(limit).isAfter(now)) {
                    add(
                            out,
                            "bridge_down:" + name,
                            "bridge_down_minutes",
                            name + " bridge disconnected since " + HH_MM.format(since) + " (over "
                                    + cfg.bridgeDownMinutes() + " min)",
                            now);
                }
            });
        }
        return out;
    }

    private void add(Map<String, Alert> out, String key, String rule, String text, Instant now) {
        Alert running = active.get(key);
        out.put(key, running != null ? running : new Alert(key, rule, text, now));
    }
}
