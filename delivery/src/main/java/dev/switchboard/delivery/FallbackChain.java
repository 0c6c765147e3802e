package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.logging.MessageMdc;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.resilience.CircuitBreaker;
import dev.switchboard.delivery.gui.GuiDeliverer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries an agent's delivery methods in its configured order. A method whose pre-flight fails, whose circuit
 * is open, or whose attempt failed cleanly (nothing reached the agent) hands over to the next; a method that
 * may have left text in the agent's window stops the chain, so no message is delivered twice by two methods.
 */
public final class FallbackChain {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackChain.class);

    /**
     * What happened.
     *
     * @param outcome the last outcome (delivered, or the failure that ended the chain)
     * @param method  the method that delivered, or the last one tried; null if none could be tried
     * @param notes   what went wrong with the methods before it ("gui: window not found")
     * @param waitUntil when every method was in cool-down (nothing tried), or the last one found the disk full:
     *                  when to try again, without counting an attempt; else null
     */
    public record Result(DeliveryOutcome outcome, DeliveryMethod method, List<String> notes, Instant waitUntil) {
        public Result(DeliveryOutcome outcome, DeliveryMethod method, List<String> notes) {
            this(outcome, method, notes, null);
        }

        /**
         * No method was tried (each was in its cool-down), or the last found the disk full. That is no delivery
         * attempt; the message waits until {@link #waitUntil()}.
         */
        public boolean deferred() {
            return waitUntil != null;
        }

        /** "gui failed: …; inbox …" — what the channel is told besides the state. */
        public String detail() {
            List<String> parts = new ArrayList<>(notes);
            if (outcome.detail() != null && !outcome.detail().isBlank() && outcome.delivered()) {
                parts.add(outcome.detail());
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
    }

    /**
     * Told just before a method that types into the agent ({@link #types}) touches it. It must make that fact
     * durable (a crash after the first keystroke must not lead to typing the message again); if it throws, the
     * method is not tried.
     */
    @FunctionalInterface
    public interface BeforeTyping {
        BeforeTyping NONE = (message, method) -> {};

        void typing(UnifiedMessage message, DeliveryMethod method);
    }

    /** Methods that type into the agent's window or pane: a cut-off attempt may have submitted the text. */
    public static boolean types(DeliveryMethod method) {
        return method == DeliveryMethod.TMUX || method == DeliveryMethod.GUI;
    }

    /** The shortest wait for a message whose methods are all cooling down. */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);

    /** How long a message waits, without using up an attempt, after its last method found the disk full. */
    static final Duration NO_ROOM_WAIT = Duration.ofSeconds(2);

    private final Map<DeliveryMethod, Deliverer> deliverers = new EnumMap<>(DeliveryMethod.class);
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    /** The last real failure of each agent's method, so "paused" still says why. */
    private final Map<String, String> lastFailures = new ConcurrentHashMap<>();

    private final int breakerThreshold;
    private final Duration coolDown;
    private final Clock clock;

    public FallbackChain(List<Deliverer> available, int breakerThreshold, Duration coolDown, Clock clock) {
        available.forEach(d -> deliverers.put(d.method(), d));
        this.breakerThreshold = breakerThreshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** {@code agent/method} of every breaker that is not closed (open, or half-open awaiting a trial). */
    public List<String> openCircuits() {
        return breakers.entrySet().stream()
                .filter(e -> e.getValue().state() != CircuitBreaker.State.CLOSED)
                .map(e -> e.getKey().replace('|', '/'))
                .sorted()
                .toList();
    }

    public CircuitBreaker breaker(String agent, DeliveryMethod method) {
        return breakers.computeIfAbsent(key(agent, method), k -> new CircuitBreaker(breakerThreshold, coolDown, clock));
    }

    /**
     * How many of the agent's messages its worker may take at once: {@code max} when the agent's first method
     * delivers batches (the inbox) and is healthy, else 1.
     */
    public int batchSize(AgentConfig agent, int max) {
        if (agent.delivery().isEmpty()) {
            return 1;
        }
        DeliveryMethod first = agent.delivery().get(0);
        return deliverers.get(first) instanceof BatchDeliverer
                        && breaker(agent.id(), first).state() == CircuitBreaker.State.CLOSED
                ? max
                : 1;
    }

    /**
     * Delivers messages of one agent in order: all at once through its first method when that takes batches,
     * otherwise — or if the batch fails — one by one through {@link #deliver}.
     */
    public List<Result> deliverAll(List<UnifiedMessage> messages, AgentConfig agent) throws InterruptedException {
        return deliverAll(messages, agent, BeforeTyping.NONE);
    }

    /** {@link #deliverAll(List, AgentConfig)}, telling {@code beforeTyping} before any method types. */
    public List<Result> deliverAll(List<UnifiedMessage> messages, AgentConfig agent, BeforeTyping beforeTyping)
            throws InterruptedException {
        if (messages.size() > 1 && !agent.delivery().isEmpty()) {
            DeliveryMethod first = agent.delivery().get(0);
            CircuitBreaker breaker = breaker(agent.id(), first);
            if (deliverers.get(first) instanceof BatchDeliverer batch
                    && breaker.state() == CircuitBreaker.State.CLOSED
                    && batch.preflight(agent).isEmpty()) {
                try {
                    List<DeliveryOutcome> outcomes = batch.deliverAll(messages, agent);
                    breaker.recordSuccess();
                    return outcomes.stream()
                            .map(o -> new Result(o, first, List.of()))
                            .toList();
                } catch (BatchDeliverer.BatchFailedException e) {
                    LOG.warn(
                            "{} batch of {} messages to {} failed, delivering one by one: {}",
                            first.key(),
                            messages.size(),
                            agent.id(),
                            e.getMessage());
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (UnifiedMessage m : messages) {
            results.add(deliver(m, agent, beforeTyping));
        }
        return results;
    }

    public Result deliver(UnifiedMessage message, AgentConfig agent) throws InterruptedException {
        return deliver(message, agent, BeforeTyping.NONE);
    }

    /** {@link #deliver(UnifiedMessage, AgentConfig)}, telling {@code beforeTyping} before a method types. */
    public Result deliver(UnifiedMessage message, AgentConfig agent, BeforeTyping beforeTyping)
            throws InterruptedException {
        try (MessageMdc ignored = MessageMdc.of(message.id(), message.correlationId(), agent.id())) {
            return deliverLogged(message, agent, agent.delivery(), new ArrayList<>(), beforeTyping);
        }
    }

    /**
     * A delivery cut off after {@code typedBy} had started typing, whose text {@link #finishInterrupted} could not
     * finish: the text may already have been submitted, so {@code typedBy} does not type it again. It is a paste
     * that may have landed (as {@link DeliveryOutcome#failedUncertain}): the methods after {@code typedBy} in the
     * agent's order may deliver it, and the status says the text may already be in the input. When none is left,
     * or none delivers, it fails for good (not retried: a retry would type it again); an operator looks and
     * retries it.
     */
    public Result deliverAfterCutOff(
            UnifiedMessage message, AgentConfig agent, DeliveryMethod typedBy, BeforeTyping beforeTyping)
            throws InterruptedException {
        try (MessageMdc ignored = MessageMdc.of(message.id(), message.correlationId(), agent.id())) {
            String why = typedBy.key() + " failed: the delivery was cut off (switchboard stopped) after typing had"
                    + " started: the text may already be in " + agent.id() + "'s input";
            List<DeliveryMethod> methods = agent.delivery();
            int at = methods.indexOf(typedBy);
            // Only the later methods that type nothing (the inbox) may take it: another typing method would put
            // the text into a second input, where the agent may read it twice. If the agent no longer lists that
            // method (its config changed), every method that types nothing remains.
            List<DeliveryMethod> rest = (at >= 0 ? methods.subList(at + 1, methods.size()) : methods)
                    .stream().filter(m -> !types(m)).toList();
            String giveUp = "; look, then `queue retry` it if it is not";
            if (rest.isEmpty()) {
                return new Result(DeliveryOutcome.failedDirty(why + giveUp), typedBy, List.of());
            }
            List<String> notes = new ArrayList<>(List.of(why));
            Result r = deliverLogged(message, agent, rest, notes, beforeTyping);
            if (r.outcome().delivered()) {
                return r;
            }
            // Not a retry later (cooling down, or a failure that allows one): that would type it again.
            return new Result(
                    DeliveryOutcome.failedDirty(r.outcome().detail() + giveUp),
                    r.method() == null ? typedBy : r.method(),
                    List.of());
        }
    }

    /**
     * A delivery of this message was cut off by a stop of the process delivering it: asks the agent's methods, in
     * order, whether one can see exactly its text unsubmitted in the agent's input and submit it
     * ({@link Deliverer#finishInterrupted}). @return what that one did, or empty when none could (nothing touched)
     */
    public Optional<Result> finishInterrupted(UnifiedMessage message, AgentConfig agent) throws InterruptedException {
        for (DeliveryMethod method : agent.delivery()) {
            Deliverer d = deliverers.get(method);
            Optional<DeliveryOutcome> done = d == null ? Optional.empty() : d.finishInterrupted(message, agent);
            if (done.isPresent()) {
                return Optional.of(new Result(done.get(), method, List.of()));
            }
        }
        return Optional.empty();
    }

    private Result deliverLogged(
            UnifiedMessage message,
            AgentConfig agent,
            List<DeliveryMethod> methods,
            List<String> notes,
            BeforeTyping beforeTyping)
            throws InterruptedException {
        DeliveryOutcome last = DeliveryOutcome.failedClean("no delivery method configured");
        DeliveryMethod lastMethod = null;
        Instant coolDownEnds = null;
        boolean mayBeInInput = false;
        for (DeliveryMethod method : methods) {
            Deliverer d = deliverers.get(method);
            if (d == null) {
                notes.add(method.key() + " unavailable in this process");
                continue;
            }
            CircuitBreaker breaker = breaker(agent.id(), method);
            if (!breaker.tryAcquire()) {
                Instant until = breaker.retryAt();
                coolDownEnds = coolDownEnds == null || until.isBefore(coolDownEnds) ? until : coolDownEnds;
                String cause = lastFailures.get(key(agent.id(), method));
                notes.add(method.key() + " paused after repeated failures until " + until
                        + (cause == null ? "" : " (last: " + cause + ")"));
                continue;
            }
            lastMethod = method;
            Optional<String> problem = d.preflight(agent);
            if (problem.isPresent()) {
                failed(agent, method, breaker, problem.get());
                last = DeliveryOutcome.failedClean(problem.get());
                notes.add(method.key() + " failed: " + problem.get());
                continue;
            }
            if (types(method)) {
                try {
                    beforeTyping.typing(message, method);
                } catch (RuntimeException e) {
                    // Not typed: a crash after typing that left no trace could have it typed twice. Not the
                    // method's fault, so its breaker is left alone.
                    LOG.warn(
                            "{}: cannot record that typing into {} starts: {}", method.key(), agent.id(), e.toString());
                    last = DeliveryOutcome.failedClean("cannot record that typing starts: " + e.getMessage());
                    notes.add(method.key() + " failed: " + last.detail());
                    continue;
                }
            }
            try {
                // Onboarding opens a fresh chat first (gui.starter_location_box); other methods have no such step.
                last = message.type() == MessageType.ONBOARDING && d instanceof GuiDeliverer gui
                        ? gui.deliverOnboarding(message, agent)
                        : d.deliver(message, agent);
            } catch (RuntimeException e) {
                LOG.error("{} delivery of {} to {} threw", method.key(), message.id(), agent.id(), e);
                last = DeliveryOutcome.failedClean("internal error: " + e);
            }
            if (last.delivered()) {
                breaker.recordSuccess();
                return new Result(last, method, notes);
            }
            failed(agent, method, breaker, last.detail());
            mayBeInInput |= last.mayBeInInput();
            notes.add(method.key() + " failed: " + last.detail());
            if (!last.fallbackAllowed()) {
                return new Result(last, method, notes);
            }
        }
        String summary = notes.isEmpty() ? last.detail() : String.join("; ", notes);
        // Nothing tried because every method is cooling down: not an attempt, the message waits for the first.
        // At least a moment: a half-open breaker whose trial is still running elsewhere says "until now".
        Instant soonest = clock.instant().plus(MIN_WAIT);
        Instant waitUntil = lastMethod == null && coolDownEnds != null
                ? (coolDownEnds.isBefore(soonest) ? soonest : coolDownEnds)
                : null;
        if (last.noRoom() && lastMethod != null && !mayBeInInput) {
            // The last method found the disk full: no attempt either, or a long full spell would use up every
            // message's attempts and leave them dead when space comes back. It waits and is tried again. Not
            // when an earlier method may have left the text in the agent's input: that attempt stays on record
            // as a failed one, with its reason saying so.
            Instant later = clock.instant().plus(NO_ROOM_WAIT);
            waitUntil = coolDownEnds != null && coolDownEnds.isAfter(later) ? coolDownEnds : later;
        }
        return new Result(
                new DeliveryOutcome(false, false, summary, last.fallbackAllowed()), lastMethod, List.of(), waitUntil);
    }

    private void failed(AgentConfig agent, DeliveryMethod method, CircuitBreaker breaker, String reason) {
        breaker.recordFailure();
        if (reason != null && !reason.isBlank()) {
            lastFailures.put(key(agent.id(), method), reason);
        }
    }

    private static String key(String agent, DeliveryMethod method) {
        return agent + "|" + method.key();
    }
}
