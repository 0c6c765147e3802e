package dev.switchboard.commands.gas;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.routing.RejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every agent's {@code status.json} every few seconds and hands what changed to the {@link GasPipeline},
 * then lets it check for silent agents. A file that cannot be used (not JSON, wrong fields, too large, a link)
 * is reported once per version of the file, and the watcher goes on with the others. It only reads.
 */
public final class StatusWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWatcher.class);
    public static final String FILE = "status.json";
    static final long MAX_BYTES = 64 * 1024;

    private final Supplier<List<AgentConfig>> agents;
    private final Function<AgentConfig, Path> workspaceOf;
    private final GasPipeline pipeline;
    private final BiConsumer<String, String> malformed;
    /** What the file last read per agent held (size and hash): the same content is not news. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    /** Null when the caller scans ({@code scanMillis <= 0}). */
    private final BackgroundLoop loop;
    /** Whether the queue's outage was reported (only the loop's thread reads and writes it). */
    private boolean warned;

    /**
     * @param malformed told (agent, one line) once per version of a file that cannot be used
     * @param scanMillis how often; {@code <= 0}: no thread, call {@link #scanOnce}
     */
    public StatusWatcher(
            Supplier<List<AgentConfig>> agents,
            Function<AgentConfig, Path> workspaceOf,
            GasPipeline pipeline,
            BiConsumer<String, String> malformed,
            long scanMillis) {
        this.agents = agents;
        this.workspaceOf = workspaceOf;
        this.pipeline = pipeline;
        this.malformed = malformed;
        // Another failure (a bug, a full disk) is logged once by the loop and retried with back-off.
        this.loop = scanMillis <= 0
                ? null
                : BackgroundLoop.named("status-watcher")
                        .log(LOG)
                        .every(Duration.ofMillis(scanMillis))
                        .backoff(Duration.ofMillis(scanMillis), Duration.ofMillis(Math.max(scanMillis, 10_000)))
                        .start(this::pass);
    }

    /** A scan; the queue being unreachable is said once per outage, not on every pass. */
    private void pass() {
        try {
            scanOnce();
            warned = false;
        } catch (QueueException e) {
            if (!warned) {
                warned = true;
                LOG.warn("gas: cannot reach the queue (trying again): {}", e.getMessage());
            }
        }
    }

    /** Whether its thread still scans (false when there is none: {@code scanMillis <= 0}, or once closed). */
    public boolean isAlive() {
        return loop != null && loop.alive();
    }

    /** One pass over every agent's status file, then the silence check. @return how many reports were new */
    public synchronized int scanOnce() {
        int n = 0;
        for (AgentConfig agent : agents.get()) {
            n += readOne(agent) ? 1 : 0;
        }
        pipeline.checkSilence();
        return n;
    }

    private boolean readOne(AgentConfig agent) {
        Path file = workspaceOf.apply(agent).resolve(FILE);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return report(agent, "unreadable", "cannot read: " + e.getMessage());
        }
        if (!attrs.isRegularFile()) {
            return report(agent, "not a file", "not a regular file");
        }
        if (attrs.size() > MAX_BYTES) {
            return report(
                    agent,
                    "large " + attrs.size() + "@" + attrs.lastModifiedTime().toMillis(),
                    "larger than " + MAX_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            // vanished or being replaced while read: the next pass sees the new version
            LOG.debug("gas: {} of {} changed while read: {}", FILE, agent.id(), e.toString());
            return false;
        }
        // The content, not the file time, tells versions apart: two writes within a millisecond differ too.
        String version = digest(bytes);
        if (version.equals(seen.get(agent.id()))) {
            return false;
        }
        if (bytes.length > MAX_BYTES) {
            return report(agent, version, "larger than " + MAX_BYTES + " bytes");
        }
        StatusReport status;
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            status = StatusReport.parse(text, agent.id());
        } catch (CharacterCodingException e) {
            return report(agent, version, "not UTF-8 text");
        } catch (IllegalArgumentException e) {
            return report(agent, version, e.getMessage());
        }
        try {
            pipeline.observe(agent.id(), status);
        } catch (RejectedException e) {
            return report(agent, version, "prompt refused: " + e.getMessage());
        }
        seen.put(agent.id(), version);
        return true;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Reports a file version once; later passes skip that version until the file changes. */
    private boolean report(AgentConfig agent, String version, String why) {
        if (version.equals(seen.get(agent.id()))) {
            return false;
        }
        seen.put(agent.id(), version);
        malformed.accept(agent.id(), agent.id() + "'s " + FILE + " is not usable: " + why);
        return false;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
