package dev.switchboard.delivery.gui;

import static dev.switchboard.delivery.gui.GuiDeliveryXvfbTest.agent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.delivery.FallbackChain;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.InboxFormat;
import dev.switchboard.delivery.testutil.Displays;
import dev.switchboard.delivery.testutil.Messages;
import dev.switchboard.testkit.gui.TargetProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several agents delivered to at once, as their per-agent workers do: two GUI windows and one inbox. */
@Timeout(120)
class ParallelDeliveryXvfbTest {

    private static final int PER_AGENT = 30;

    @TempDir
    Path dir;

    private final InputLock lock = new InputLock();
    private FallbackChain chain;

    @BeforeEach
    void setUp() {
        Displays.assumeDisplay();
        GuiDeliverer gui = new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), lock, new AdaptiveTiming(null));
        InboxDeliverer inbox = new InboxDeliverer(a -> dir.resolve(a.id()).resolve("inbox"));
        chain = new FallbackChain(List.of(gui, inbox), 3, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Test
    void guiAndInboxDeliveriesForDifferentAgentsAtOnceNeverInterleaveKeystrokes() throws Exception {
        try (TargetProcess left = TargetProcess.start(null, dir.resolve("left.log"), 20, 40, "enter");
                TargetProcess right = TargetProcess.start(null, dir.resolve("right.log"), 820, 420, "enter")) {
            AgentConfig a1 = agent("Agent-1", left.inputBox(), null, "enter");
            AgentConfig a2 = agent("Agent-2", right.inputBox(), null, "enter");
            AgentConfig a3 = AgentConfig.inboxOnly("Agent-3");
            List<String> t1 = texts("one", PER_AGENT);
            List<String> t2 = texts("two", PER_AGENT);
            List<String> t3 = texts("three", PER_AGENT);

            // WHEN three workers deliver at the same time
            ExecutorService workers = Executors.newFixedThreadPool(3);
            try {
                List<Future<List<FallbackChain.Result>>> runs = new ArrayList<>();
                runs.add(workers.submit(() -> deliverAll(a1, t1)));
                runs.add(workers.submit(() -> deliverAll(a2, t2)));
                runs.add(workers.submit(() -> deliverAll(a3, t3)));

                // THEN every delivery succeeded by its own method, verified
                List<DeliveryMethod> expected = List.of(DeliveryMethod.GUI, DeliveryMethod.GUI, DeliveryMethod.INBOX);
                for (int i = 0; i < 3; i++) {
                    for (FallbackChain.Result r : runs.get(i).get(90, TimeUnit.SECONDS)) {
                        assertTrue(r.outcome().verified(), r.toString());
                        assertEquals(expected.get(i), r.method(), r.toString());
                    }
                }
            } finally {
                workers.shutdownNow();
            }
            // and each window holds exactly its own texts, whole and in order: an interleaved keystroke or
            // paste would have split, mixed or duplicated them
            assertEquals(t1, left.submitted());
            assertEquals(t2, right.submitted());
            assertEquals(t3, inboxBodies("Agent-3"));
            assertEquals(1, lock.maxConcurrentHolders());
        }
    }

    @Test
    void inboxDeliveriesDoNotWaitForTheInputLock() throws Exception {
        // GIVEN a GUI delivery holding the one mouse and keyboard
        assertTrue(lock.acquire(1000));
        try {
            // WHEN an inbox agent gets messages meanwhile (on another thread, as its worker would)
            ExecutorService worker = Executors.newSingleThreadExecutor();
            try {
                List<String> texts = texts("inbox", 5);
                List<FallbackChain.Result> results = worker.submit(
                                () -> deliverAll(AgentConfig.inboxOnly("Agent-7"), texts))
                        .get(30, TimeUnit.SECONDS);

                // THEN they are delivered while the lock is still held
                results.forEach(r -> assertTrue(r.outcome().verified(), r.toString()));
                assertEquals(texts, inboxBodies("Agent-7"));
            } finally {
                worker.shutdownNow();
            }
        } finally {
            lock.release();
        }
    }

    private List<FallbackChain.Result> deliverAll(AgentConfig agent, List<String> texts) throws InterruptedException {
        List<FallbackChain.Result> out = new ArrayList<>();
        for (String t : texts) {
            out.add(chain.deliver(Messages.to(agent.id(), t), agent));
        }
        return out;
    }

    private static List<String> texts(String who, int n) {
        List<String> awkward = Messages.awkwardTexts(n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(who + " #" + i + " " + awkward.get(i));
        }
        return out;
    }

    private List<String> inboxBodies(String agent) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(agent).resolve("inbox"))) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> {
                        try {
                            return InboxFormat.bodyOf(Files.readString(p, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
