package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CooldownsTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void aUserWaitsOutTheirCooldownOthersDoNot() {
        Cooldowns cooldowns = new Cooldowns(Duration.ofSeconds(10), now::get, 100);
        assertTrue(cooldowns.tryEnter("alice"));
        assertFalse(cooldowns.tryEnter("alice"));
        assertTrue(cooldowns.tryEnter("bob"));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertFalse(cooldowns.tryEnter("alice"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(cooldowns.tryEnter("alice"));
    }

    @Test
    void remembersOnlyTheMostRecentUsers() {
        Cooldowns cooldowns = new Cooldowns(Duration.ofSeconds(10), now::get, 2);
        assertTrue(cooldowns.tryEnter("a"));
        assertTrue(cooldowns.tryEnter("b"));
        assertTrue(cooldowns.tryEnter("c")); // forgets a
        assertTrue(cooldowns.tryEnter("a"));
        assertFalse(cooldowns.tryEnter("c"));
    }
}
