package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Messages, agents, a hand-moved clock and polling for the delivery tests. */
final class Fixtures {
    static final Sender ALICE = new Sender(Platform.DISCORD, "1001", "alice \"the\" admin", Role.OPERATOR);

    private Fixtures() {
    }

    static UnifiedMessage message(String agent, String body) {
        String id = MessageIds.newId();
        return new UnifiedMessage(id, id, ALICE, Recipient.agent(agent), MessageType.TEXT, Priority.NORMAL, body, null,
                null, Origin.of(Platform.DISCORD), Instant.now(), null);
    }

    static AgentConfig agent(String id, DeliveryMethod... methods) {
        return new AgentConfig(id, List.of(), List.of(), List.of(methods), null, null, null);
    }

    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout.toMillis() + " ms: " + whatFailed.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** A clock tests move by hand (circuit breaker cool-downs). */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
