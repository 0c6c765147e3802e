package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.MutableClock;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.resilience.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The per-agent fallback order with circuit breakers, with scripted deliverers (our own interface). */
class FallbackChainTest {
    /** A deliverer that answers from a script and records what it was asked. */
    static final class Scripted implements Deliverer {
        final DeliveryMethod method;
        Supplier<DeliveryOutcome> outcome;
        Optional<String> preflight = Optional.empty();
        final List<String> delivered = new ArrayList<>();

        Scripted(DeliveryMethod method, Supplier<DeliveryOutcome> outcome) {
            this.method = method;
            this.outcome = outcome;
        }

        @Override
        public DeliveryMethod method() {
            return method;
        }

        @Override
        public Optional<String> preflight(AgentConfig agent) {
            return preflight;
        }

        @Override
        public DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) {
            delivered.add(message.body());
            return outcome.get();
        }
    }

    private final MutableClock clock = MutableClock.startingNow();
    private final Scripted gui = new Scripted(DeliveryMethod.GUI, () -> DeliveryOutcome.verified(null));
    private final Scripted inbox = new Scripted(DeliveryMethod.INBOX, () -> DeliveryOutcome.verified(null));
    private final FallbackChain chain = new FallbackChain(List.of(gui, inbox), 2, Duration.ofSeconds(30), clock);
    private final AgentConfig agent = Fixtures.agent("Agent-1", DeliveryMethod.GUI, DeliveryMethod.INBOX);

    private FallbackChain.Result send(String body) throws InterruptedException {
        return chain.deliver(Fixtures.message("Agent-1", body), agent);
    }

    @Test
    void theFirstMethodThatWorksDelivers() throws Exception {
        FallbackChain.Result r = send("hi");
        assertEquals(DeliveryMethod.GUI, r.method());
        assertTrue(r.outcome().verified());
        assertEquals(List.of(), inbox.delivered);
        assertNull(r.detail());
    }

    @Test
    void aCleanFailureFallsBackToTheNextMethodAndSaysWhy() throws Exception {
        gui.outcome = () -> DeliveryOutcome.failedClean("window not found");

        FallbackChain.Result r = send("hi");

        assertEquals(DeliveryMethod.INBOX, r.method());
        assertTrue(r.outcome().delivered());
        assertEquals(List.of("hi"), inbox.delivered);
        assertEquals("gui failed: window not found", r.detail());
    }

    @Test
    void aDirtyFailureStopsTheChainSoNothingIsDeliveredTwice() throws Exception {
        gui.outcome = () -> DeliveryOutcome.failedDirty("pasted but the input did not clear");

        FallbackChain.Result r = send("hi");

        assertFalse(r.outcome().delivered());
        assertFalse(r.outcome().fallbackAllowed());
        assertEquals(DeliveryMethod.GUI, r.method());
        assertEquals(List.of(), inbox.delivered, "inbox must not get a second copy");
    }

    @Test
    void aFailedPreflightSkipsTheMethodWithoutTouchingIt() throws Exception {
        gui.preflight = Optional.of("no display");

        FallbackChain.Result r = send("hi");

        assertEquals(List.of(), gui.delivered);
        assertEquals(DeliveryMethod.INBOX, r.method());
        assertEquals("gui failed: no display", r.detail());
    }

    @Test
    void aThrowingDelivererCountsAsACleanFailure() throws Exception {
        gui.outcome = () -> {
            throw new IllegalStateException("bug");
        };
        FallbackChain.Result r = send("hi");
        assertEquals(DeliveryMethod.INBOX, r.method());
        assertTrue(r.detail().contains("internal error"), r.detail());
    }

    @Test
    void repeatedFailuresOpenTheBreakerAndTheMethodIsSkippedUntilCoolDown() throws Exception {
        gui.outcome = () -> DeliveryOutcome.failedClean("window not found");
        send("1");
        send("2"); // threshold 2: open now
        assertEquals(
                CircuitBreaker.State.OPEN,
                chain.breaker("Agent-1", DeliveryMethod.GUI).state());

        FallbackChain.Result r = send("3");

        assertEquals(List.of("1", "2"), gui.delivered, "not tried while open");
        assertEquals(DeliveryMethod.INBOX, r.method());
        assertTrue(r.detail().startsWith("gui paused after repeated failures"), r.detail());
        // other agents have their own breakers
        assertEquals(
                CircuitBreaker.State.CLOSED,
                chain.breaker("Agent-2", DeliveryMethod.GUI).state());

        // after the cool-down one trial goes through, and a success closes the breaker
        clock.advance(Duration.ofSeconds(30));
        gui.outcome = () -> DeliveryOutcome.unverified("typed; could not confirm");
        FallbackChain.Result trial = send("4");
        assertEquals(DeliveryMethod.GUI, trial.method());
        assertFalse(trial.outcome().verified());
        assertEquals(
                CircuitBreaker.State.CLOSED,
                chain.breaker("Agent-1", DeliveryMethod.GUI).state());
    }

    @Test
    void whenEveryMethodFailsCleanlyTheResultSaysWhatEachDid() throws Exception {
        gui.outcome = () -> DeliveryOutcome.failedClean("window not found");
        inbox.outcome = () -> DeliveryOutcome.failedClean("disk full");

        FallbackChain.Result r = send("hi");

        assertFalse(r.outcome().delivered());
        assertTrue(r.outcome().fallbackAllowed(), "clean: a retry later is safe");
        assertEquals(
                "gui failed: window not found; inbox failed: disk full",
                r.outcome().detail());
    }

    @Test
    void aLastMethodThatFoundTheDiskFullIsNoAttemptTheMessageWaitsAndIsTriedAgain() throws Exception {
        gui.outcome = () -> DeliveryOutcome.failedClean("window not found");
        inbox.outcome = () -> DeliveryOutcome.failedNoRoom("cannot write into the inbox: No space left on device");

        FallbackChain.Result r = send("hi");

        assertFalse(r.outcome().delivered());
        assertTrue(r.deferred(), "a full disk must not use up the message's attempts");
        assertFalse(r.waitUntil().isBefore(clock.instant().plus(FallbackChain.NO_ROOM_WAIT)));
        assertEquals(
                "gui failed: window not found; inbox failed: cannot write into the inbox: No space left on device",
                r.outcome().detail());

        // AND a method that fails otherwise is still an attempt
        inbox.outcome = () -> DeliveryOutcome.failedClean("Not a directory");
        assertFalse(send("again").deferred());
    }

    @Test
    void aFullDiskAfterAMethodThatMayHaveLeftTheTextInTheInputStaysAnAttempt() throws Exception {
        // GIVEN the GUI tried and may have left the text in the box, then the inbox found the disk full
        gui.outcome = () -> DeliveryOutcome.failedUncertain("paste not seen");
        inbox.outcome = () -> DeliveryOutcome.failedNoRoom("cannot write into the inbox: No space left on device");

        FallbackChain.Result r = send("hi");

        // THEN it is a failed attempt on record, not a wait that would forget that typing happened
        assertFalse(r.outcome().delivered());
        assertFalse(r.deferred());
    }

    @Test
    void aMethodThisProcessDoesNotOfferIsNoted() throws Exception {
        FallbackChain inboxOnly = new FallbackChain(List.of(inbox), 2, Duration.ofSeconds(30), clock);
        AgentConfig tmuxFirst = Fixtures.agent("Agent-1", DeliveryMethod.TMUX, DeliveryMethod.INBOX);

        FallbackChain.Result r = inboxOnly.deliver(Fixtures.message("Agent-1", "x"), tmuxFirst);

        assertEquals(DeliveryMethod.INBOX, r.method());
        assertEquals("tmux unavailable in this process", r.detail());
    }
}
