package dev.switchboard.bot.outbox;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.loop.BackgroundLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up what agents write to {@code <workspace>/<Agent>/outbox/*.md}, hands it to the subscribed front-ends
 * and moves the file to {@code outbox/sent/}, so each answer is shown once, also across restarts. A file is taken
 * only once it has not changed for {@code settle} (an agent may still be writing it); it scans only while someone
 * is subscribed, so answers wait in the outbox while no chat bridge runs.
 */
public final class OutboxWatcher implements AgentAnswers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWatcher.class);
    static final String SENT = "sent";

    private final Supplier<List<AgentConfig>> agents;
    private final Function<AgentConfig, Path> outboxOf;
    private final Duration settle;
    private final Clock clock;
    private final List<Consumer<AgentAnswer>> listeners = new CopyOnWriteArrayList<>();
    private final BackgroundLoop loop;

    /** Starts a daemon thread that scans every {@code scanMillis}. */
    public OutboxWatcher(Supplier<List<AgentConfig>> agents, Function<AgentConfig, Path> outboxOf, long scanMillis,
                         Duration settle, Clock clock) {
        this.agents = agents;
        this.outboxOf = outboxOf;
        this.settle = settle;
        this.clock = clock;
        // A failing scan is logged once and retried with back-off; the answers wait in the outbox meanwhile.
        this.loop = BackgroundLoop.named("outbox-watcher").log(LOG)
                .backoff(Duration.ofMillis(scanMillis), Duration.ofSeconds(10)).stopWithin(Duration.ofSeconds(2))
                .every(Duration.ofMillis(scanMillis)).start(this::pass);
    }

    @Override
    public AutoCloseable subscribe(Consumer<AgentAnswer> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void pass() {
        if (!listeners.isEmpty()) {
            scanOnce();
        }
    }

    /**
     * One pass over every agent's outbox; passes never overlap (the watcher's thread and a caller's), so each
     * answer is handed on once and in order. @return how many answers were handed on
     */
    synchronized int scanOnce() {
        int n = 0;
        for (AgentConfig agent : agents.get()) {
            Path outbox = outboxOf.apply(agent);
            if (!Files.isDirectory(outbox)) {
                continue;
            }
            for (Path file : settledFiles(outbox)) {
                try {
                    String text = bodyOf(Files.readString(file, StandardCharsets.UTF_8));
                    moveToSent(outbox, file);
                    publish(new AgentAnswer(agent.id(), file.getFileName().toString(), text, clock.instant()));
                    n++;
                } catch (IOException e) {
                    LOG.warn("cannot take answer {} of {}: {}", file.getFileName(), agent.id(), e.toString());
                }
            }
        }
        return n;
    }

    private List<Path> settledFiles(Path outbox) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(outbox, "*.md")) {
            for (Path f : dir) {
                if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant()
                        .isBefore(clock.instant().minus(settle))) {
                    files.add(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", outbox, e.toString());
        }
        files.sort(null); // names usually start with a timestamp: oldest first
        return files;
    }

    /** Moved before publishing: a crash between the two loses one post rather than repeating it forever. */
    private static void moveToSent(Path outbox, Path file) throws IOException {
        Path sent = Files.createDirectories(outbox.resolve(SENT));
        Path target = sent.resolve(file.getFileName());
        for (int i = 1; Files.exists(target); i++) {
            target = sent.resolve(i + "_" + file.getFileName());
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process took " + file.getFileName(), e);
        }
    }

    private void publish(AgentAnswer answer) {
        for (Consumer<AgentAnswer> l : listeners) {
            try {
                l.accept(answer);
            } catch (RuntimeException e) {
                LOG.warn("answer listener failed on {} of {}", answer.fileName(), answer.agent(), e);
            }
        }
    }

    /** The text after a leading {@code ---} front matter block, if there is one. */
    static String bodyOf(String content) {
        String text = content.replace("\r\n", "\n");
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---\n", 4);
            if (end >= 0) {
                return text.substring(end + 5);
            }
        }
        return text;
    }

    @Override
    public void close() {
        loop.stop();
    }
}
