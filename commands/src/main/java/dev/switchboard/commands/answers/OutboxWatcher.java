package dev.switchboard.commands.answers;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.loop.BackgroundLoop;
import dev.switchboard.core.queue.QueueException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up what agents write to {@code <workspaces>/<Agent>/outbox/*.md} and hands it to {@link AnswerIntake},
 * which commits it to the queue's database; then the file moves to {@code outbox/sent/}. A file that cannot be
 * taken (not UTF-8, too large, empty, a link, bad front matter, unknown {@code reply_to} or {@code to}) moves to
 * {@code outbox/refused/} and is reported once. A file is taken only once it has not changed for {@code settle}
 * (an agent may still be writing it). Only the agent's own outbox folder is touched.
 */
public final class OutboxWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWatcher.class);
    public static final String SENT = "sent";
    public static final String REFUSED = "refused";
    /** Larger files are refused unread. */
    static final long MAX_BYTES = 256 * 1024;

    private final Supplier<List<AgentConfig>> agents;
    private final Function<AgentConfig, Path> outboxOf;
    private final AnswerIntake intake;
    private final BiConsumer<String, String> refused;
    private final Duration settle;
    private final Clock clock;
    /** Null when the caller scans ({@code scanMillis <= 0}). */
    private final BackgroundLoop loop;

    /**
     * Starts a daemon thread that scans every {@code scanMillis} ({@code scanMillis <= 0}: no thread; call
     * {@link #scanOnce}).
     *
     * @param refused told (agent, one line) once per refused file
     */
    public OutboxWatcher(
            Supplier<List<AgentConfig>> agents,
            Function<AgentConfig, Path> outboxOf,
            AnswerIntake intake,
            BiConsumer<String, String> refused,
            long scanMillis,
            Duration settle,
            Clock clock) {
        this.agents = agents;
        this.outboxOf = outboxOf;
        this.intake = intake;
        this.refused = refused;
        this.settle = settle;
        this.clock = clock;
        // A failing scan (an outbox replaced by a file, a full disk) is logged once and retried with back-off.
        this.loop = scanMillis <= 0
                ? null
                : BackgroundLoop.named("outbox-watcher")
                        .log(LOG)
                        .every(Duration.ofMillis(scanMillis))
                        .backoff(Duration.ofMillis(scanMillis), Duration.ofMillis(Math.max(scanMillis, 10_000)))
                        .start(this::scanOnce);
    }

    /** Whether its thread still scans (false when there is none: {@code scanMillis <= 0}, or once closed). */
    public boolean isAlive() {
        return loop != null && loop.alive();
    }

    /**
     * One pass over every agent's outbox; passes never overlap (the watcher's thread and a caller's), so each
     * answer is taken once and in order. @return how many answers were taken
     */
    public synchronized int scanOnce() {
        int n = 0;
        for (AgentConfig agent : agents.get()) {
            Path outbox = outboxOf.apply(agent);
            if (!Files.isDirectory(outbox, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            for (Path file : settledFiles(outbox)) {
                n += takeOne(agent, outbox, file) ? 1 : 0;
            }
        }
        return n;
    }

    private boolean takeOne(AgentConfig agent, Path outbox, Path file) {
        String name = file.getFileName().toString();
        AgentAnswer answer;
        try {
            OutboxFile parsed = OutboxFile.parse(read(file));
            answer = new AgentAnswer(agent.id(), parsed.replyTo(), parsed.to(), parsed.body(), "outbox file " + name);
        } catch (AnswerRefused e) {
            refuse(agent, outbox, file, e.getMessage());
            return false;
        } catch (IOException e) {
            LOG.warn("cannot read answer {} of {}: {}", name, agent.id(), e.toString());
            return false;
        }
        try {
            intake.take(answer);
        } catch (AnswerRefused e) {
            refuse(agent, outbox, file, e.getMessage());
            return false;
        } catch (QueueException e) {
            LOG.warn("cannot store answer {} of {} now (trying again): {}", name, agent.id(), e.getMessage());
            return false;
        }
        try {
            moveInto(outbox.resolve(SENT), file);
        } catch (IOException e) {
            // committed but still in the outbox: it would be taken again, so say so loudly
            LOG.error(
                    "answer {} of {} was taken but could not be moved to {}/: {}",
                    name,
                    agent.id(),
                    SENT,
                    e.toString());
        }
        return true;
    }

    private void refuse(AgentConfig agent, Path outbox, Path file, String why) {
        String name = AnswerIntake.shorten(file.getFileName().toString());
        try {
            moveInto(outbox.resolve(REFUSED), file);
        } catch (IOException e) {
            LOG.warn("cannot move refused answer {} of {}: {}", name, agent.id(), e.toString());
            return; // not moved: it would be reported again on the next pass; report when it can be moved
        }
        refused.accept(
                agent.id(), agent.id() + "'s outbox file " + name + " was refused (moved to " + REFUSED + "/): " + why);
    }

    /** Strict UTF-8, at most {@link #MAX_BYTES}; links are refused (their target may be outside the workspace). */
    private static String read(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile()) {
            throw new AnswerRefused("not a regular file");
        }
        if (attrs.size() > MAX_BYTES) {
            throw new AnswerRefused("the file is " + attrs.size() + " bytes; the limit is " + MAX_BYTES);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new AnswerRefused("the file is larger than " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AnswerRefused("not UTF-8 text");
        }
    }

    private List<Path> settledFiles(Path outbox) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(outbox, "*.md")) {
            for (Path f : dir) {
                BasicFileAttributes attrs =
                        Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    continue;
                }
                if (attrs.lastModifiedTime()
                        .toInstant()
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

    /** Moves a file (or link, never its target) into {@code folder}, never over another file. */
    private static void moveInto(Path folder, Path file) throws IOException {
        if (Files.isSymbolicLink(folder)
                || (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))) {
            throw new IOException(folder.getFileName() + " is not a folder");
        }
        Files.createDirectories(folder);
        Path target = folder.resolve(file.getFileName());
        for (int i = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
            target = folder.resolve(i + "_" + file.getFileName());
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process took " + file.getFileName(), e);
        }
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
