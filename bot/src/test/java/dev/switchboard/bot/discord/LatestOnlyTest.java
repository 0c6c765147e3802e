package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LatestOnlyTest {

    @Test
    void updatesWhileOneIsInFlightCollapseToTheNewestAndNeverOvertake() {
        List<String> sent = new ArrayList<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        LatestOnly<String> edits = new LatestOnly<>(s -> {
            sent.add(s);
            CompletableFuture<Void> f = new CompletableFuture<>();
            inFlight.add(f);
            return f;
        });

        edits.submit("queued");
        edits.submit("delivering");
        edits.submit("delivered");
        assertEquals(List.of("queued"), sent, "one at a time");

        inFlight.get(0).complete(null);
        assertEquals(List.of("queued", "delivered"), sent, "skipped to the newest");

        inFlight.get(1).completeExceptionally(new RuntimeException("HTTP 500"));
        edits.submit("read");
        assertEquals(List.of("queued", "delivered", "read"), sent, "a failed edit does not block later ones");
    }
}
