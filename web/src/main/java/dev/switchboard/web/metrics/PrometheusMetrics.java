package dev.switchboard.web.metrics;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueueStats;
import dev.switchboard.core.resilience.CircuitBreaker;
import dev.switchboard.web.FleetProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code switchboard_} series for Prometheus. Counters and latency histograms count live changes since this
 * process started (Prometheus handles restarts); gauges (messages by state, queue depth, paused, breaker state,
 * bridge connected) are read fresh from the queue and the {@link FleetProbe} on every scrape.
 */
public final class PrometheusMetrics implements FleetMetrics.Sink {
    private static final int MAX_ERROR_CLASSES = 30;
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofHours(1)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MessageQueue queue;
    private final AgentRegistry agents;
    private final FleetProbe probe;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Set<String> errorClasses = ConcurrentHashMap.newKeySet();

    public PrometheusMetrics(MessageQueue queue, AgentRegistry agents, FleetProbe probe) {
        this.queue = queue;
        this.agents = agents;
        this.probe = probe;
    }

    /** The text exposition format (version 0.0.4), with every gauge read now. */
    public synchronized String scrape() {
        refreshGauges();
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void refreshGauges() {
        QueueStats stats = queue.stats();
        gauges.values().forEach(g -> g.set(0)); // a state an agent no longer has reads 0, not its old count
        for (AgentConfig a : agents.all()) {
            for (MessageState s : MessageState.values()) {
                long n = stats.byAgent().getOrDefault(a.id(), Map.of()).getOrDefault(s, 0L);
                gauge(
                                "switchboard.messages",
                                "Messages in the queue by state",
                                Tags.of("agent", a.id(), "state", key(s)))
                        .set(n);
            }
            gauge(
                            "switchboard.queue.depth",
                            "Messages an agent still has to get (queued, delivering, retry wait)",
                            Tags.of("agent", a.id()))
                    .set(stats.pending(a.id()));
            gauge("switchboard.agent.paused", "1 while an agent's deliveries are paused", Tags.of("agent", a.id()))
                    .set(stats.paused().contains(a.id()) ? 1 : 0);
            for (DeliveryMethod m : a.delivery()) {
                CircuitBreaker.State state = probe.breaker(a.id(), m);
                gauge(
                                "switchboard.breaker.state",
                                "Delivery breaker: 0 closed, 1 half-open (trying), 2 open",
                                Tags.of("agent", a.id(), "method", m.key()))
                        .set(
                                switch (state) {
                                    case CLOSED -> 0;
                                    case HALF_OPEN -> 1;
                                    case OPEN -> 2;
                                });
            }
        }
        for (FleetProbe.BridgeState b : probe.bridges()) {
            gauge("switchboard.bridge.connected", "1 while a chat bridge is connected", Tags.of("bridge", b.name()))
                    .set(b.connected() ? 1 : 0);
        }
    }

    private AtomicLong gauge(String name, String help, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(help)
                    .tags(tags)
                    .register(registry);
            return value;
        });
    }

    @Override
    public void transition(String agent, MessageState to) {
        Counter.builder("switchboard.transitions")
                .description("State changes by the state entered")
                .tags("agent", agent, "state", key(to))
                .register(registry)
                .increment();
    }

    @Override
    public void delivered(String agent, String method, boolean verified, Long deliveryMs, Long endToEndMs) {
        String m = method == null ? "unknown" : method;
        Counter.builder("switchboard.deliveries")
                .description("Messages delivered by agent and method")
                .tags("agent", agent, "method", m, "verified", Boolean.toString(verified))
                .register(registry)
                .increment();
        if (deliveryMs != null) {
            timer(
                            "switchboard.delivery",
                            "The attempt that delivered a message, from start to delivered",
                            Tags.of("agent", agent, "method", m))
                    .record(Duration.ofMillis(deliveryMs));
        }
        if (endToEndMs != null) {
            timer("switchboard.end.to.end", "Queued until delivered", Tags.of("agent", agent, "method", m))
                    .record(Duration.ofMillis(endToEndMs));
        }
    }

    @Override
    public void queueWait(String agent, long ms) {
        timer("switchboard.queue.wait", "Queued until the first delivery attempt", Tags.of("agent", agent))
                .record(Duration.ofMillis(ms));
    }

    @Override
    public void read(String agent, long ms) {
        timer("switchboard.time.to.read", "Delivered until read by the agent", Tags.of("agent", agent))
                .record(Duration.ofMillis(ms));
    }

    @Override
    public void failed(String agent, String errorClass, boolean dead) {
        String cls = errorClasses.contains(errorClass)
                        || errorClasses.size() < MAX_ERROR_CLASSES && errorClasses.add(errorClass)
                ? errorClass
                : "other";
        Counter.builder("switchboard.delivery.failures")
                .description("Failed attempts by error class")
                .tags("agent", agent, "error_class", cls, "outcome", dead ? "dead" : "retry")
                .register(registry)
                .increment();
    }

    private Timer timer(String name, String help, Tags tags) {
        return Timer.builder(name)
                .description(help)
                .tags(tags)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private static String key(MessageState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
