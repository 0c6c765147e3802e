package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.logging.MessageMdc;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.queue.MessageQueue;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a message READ when its inbox file is moved to {@code inbox/processed/}. A WatchService reports moves
 * at once; a periodic scan catches what it misses (overflow, moves made before the delivery was recorded,
 * files moved while Switchboard was down).
 */
public final class InboxWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWatcher.class);

    private final ReadReceipts receipts;
    private final AgentRegistry registry;
    private final Function<AgentConfig, Path> inboxOf;
    private final long scanMillis;
    /** Ids already settled; bounded so a long-running service does not grow without end. */
    private final Set<String> done = java.util.Collections.newSetFromMap(
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<String, Boolean>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 100_000;
                }
            }));

    private final Map<WatchKey, Path> watched = new HashMap<>();
    private final WatchService watchService;
    private final BackgroundLoop loop;
    private long nextScan;

    public InboxWatcher(
            MessageQueue queue, AgentRegistry registry, Function<AgentConfig, Path> inboxOf, long scanMillis)
            throws IOException {
        this(ReadReceipts.of(queue), registry, inboxOf, scanMillis);
    }

    public InboxWatcher(
            ReadReceipts receipts, AgentRegistry registry, Function<AgentConfig, Path> inboxOf, long scanMillis)
            throws IOException {
        this.receipts = receipts;
        this.registry = registry;
        this.inboxOf = inboxOf;
        this.scanMillis = scanMillis;
        this.watchService = java.nio.file.FileSystems.getDefault().newWatchService();
        // A failure (queue unavailable, an inbox replaced by a file) is logged once and retried with back-off.
        this.loop = BackgroundLoop.named("inbox-watcher")
                .log(LOG)
                .backoff(Duration.ofMillis(Math.min(scanMillis, 1_000)), Duration.ofSeconds(10))
                .stopWithin(Duration.ofSeconds(5))
                .start(this::pass);
    }

    private void pass() throws InterruptedException {
        if (System.currentTimeMillis() >= nextScan) {
            nextScan = System.currentTimeMillis() + scanMillis; // before the scan: a failing one is not rerun at once
            scanAll();
        }
        WatchKey key;
        try {
            key = watchService.poll(
                    Math.max(1, Math.min(1_000, nextScan - System.currentTimeMillis())), TimeUnit.MILLISECONDS);
        } catch (java.nio.file.ClosedWatchServiceException e) {
            return; // closing
        }
        if (key != null) {
            Path dir = watched.get(key);
            for (var event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    nextScan = 0;
                } else if (dir != null && event.context() instanceof Path name) {
                    consider(name.getFileName().toString());
                }
            }
            if (!key.reset()) {
                watched.remove(key);
            }
        }
    }

    /** Registers new processed/ folders and checks every file in them. */
    void scanAll() {
        for (AgentConfig agent : registry.all()) {
            Path processed = inboxOf.apply(agent).resolve(InboxDeliverer.PROCESSED);
            if (!Files.isDirectory(processed)) {
                continue;
            }
            if (!watched.containsValue(processed)) {
                try {
                    watched.put(
                            processed.register(
                                    watchService,
                                    StandardWatchEventKinds.ENTRY_CREATE,
                                    StandardWatchEventKinds.ENTRY_MODIFY),
                            processed);
                } catch (IOException e) {
                    LOG.warn("cannot watch {}: {}", processed, e.getMessage());
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(processed, "*.md")) {
                for (Path f : files) {
                    consider(f.getFileName().toString());
                }
            } catch (IOException e) {
                LOG.warn("cannot list {}: {}", processed, e.getMessage());
            }
        }
    }

    private void consider(String fileName) {
        Optional<String> id = InboxFormat.idOf(fileName);
        if (id.isEmpty() || done.contains(id.get())) {
            return;
        }
        ReadReceipts.Known state = receipts.stateOf(id.get());
        if (state == ReadReceipts.Known.UNKNOWN) {
            done.add(id.get()); // not ours (another data dir, or purged)
            return;
        }
        if (state == ReadReceipts.Known.DELIVERED) {
            String messageId = id.get();
            done.add(messageId);
            // Not waited for: an agent that clears a backlog moves many files at once, and their acknowledgements
            // then share one commit. If it fails, the id is forgotten so the next scan tries again.
            receipts.markRead(messageId, "moved to processed/").whenComplete((changed, error) -> {
                if (error != null) {
                    done.remove(messageId);
                    try (MessageMdc ignored = MessageMdc.of(messageId, null, null)) {
                        LOG.warn("cannot mark {} read (retried at the next scan): {}", messageId, error.getMessage());
                    }
                }
            });
        } else if (state == ReadReceipts.Known.SETTLED) {
            done.add(id.get());
        }
        // DELIVERING: the delivery is not recorded yet; the next scan will see it again.
    }

    /** False once its thread has ended. */
    public boolean isAlive() {
        return loop.alive();
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debug("closing watch service", e);
        }
        loop.stop();
    }
}
