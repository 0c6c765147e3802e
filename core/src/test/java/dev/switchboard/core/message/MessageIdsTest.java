package dev.switchboard.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void idsAreVersion7UniqueAndIncreasingEvenWithinOneMillisecond() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(MessageIds.newId());
        }
        assertEquals(ids.size(), new HashSet<>(ids).size());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " !< " + ids.get(i));
        }
        UUID u = UUID.fromString(ids.get(0));
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        long millis = u.getMostSignificantBits() >>> 16;
        assertTrue(Math.abs(millis - System.currentTimeMillis()) < 60_000, "timestamp is now");
    }

    @Test
    void shortFormIsTheLastFourHexDigits() {
        assertEquals("beef", MessageIds.shortForm("01a20000-0000-7000-8000-00000000beef"));
        assertEquals("ab", MessageIds.shortForm("ab"));
    }
}
