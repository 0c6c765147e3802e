package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.loop.FailureLog;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.resilience.DiskFull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the message as a file into {@code <inbox>/}, atomically and durably. Verified by construction:
 * once the rename and directory fsync returned, the whole file is there.
 */
public final class InboxDeliverer implements BatchDeliverer {
    private static final Logger LOG = LoggerFactory.getLogger(InboxDeliverer.class);
    public static final String PROCESSED = "processed";

    /** fsyncs of a batch's files run side by side, so the file system commits them together. */
    private static final ExecutorService FSYNC = fsyncThreads();

    private final Function<AgentConfig, Path> inboxOf;
    /**
     * Per agent, so a full disk (retried every few seconds for hours) logs its stack trace once, not per file
     * and attempt, and one line when the inbox takes files again.
     */
    private final Map<String, FailureLog> failures = new ConcurrentHashMap<>();

    /** @param inboxOf where an agent's inbox folder is (e.g. {@code SwitchboardConfig::inboxOf}) */
    public InboxDeliverer(Function<AgentConfig, Path> inboxOf) {
        this.inboxOf = inboxOf;
    }

    @Override
    public DeliveryMethod method() {
        return DeliveryMethod.INBOX;
    }

    @Override
    public Optional<String> preflight(AgentConfig agent) {
        Path inbox = inboxOf.apply(agent);
        try {
            Files.createDirectories(inbox.resolve(PROCESSED));
        } catch (IOException e) {
            failuresOf(agent).failed("cannot create: " + reason(e), e);
            return Optional.of("cannot create inbox of " + agent.id() + ": " + reason(e));
        }
        if (!Files.isWritable(inbox)) {
            failuresOf(agent).failed("not writable", new IOException("inbox " + inbox + " is not writable"));
            return Optional.of("inbox of " + agent.id() + " is not writable");
        }
        return Optional.empty();
    }

    private FailureLog failuresOf(AgentConfig agent) {
        return failures.computeIfAbsent(agent.id(), id -> new FailureLog(LOG, "the inbox of " + id));
    }

    /** The key leaves out the file's name, which every message has its own of. */
    private void failed(AgentConfig agent, IOException e) {
        failuresOf(agent).failed("cannot write: " + reason(e), e);
    }

    private void worked(AgentConfig agent) {
        FailureLog log = failures.get(agent.id());
        if (log != null) {
            log.succeeded();
        }
    }

    private static ExecutorService fsyncThreads() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "inbox-fsync-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public List<DeliveryOutcome> deliverAll(List<UnifiedMessage> messages, AgentConfig agent)
            throws BatchFailedException, InterruptedException {
        Path inbox = inboxOf.apply(agent);
        LinkedHashMap<Path, byte[]> files = new LinkedHashMap<>();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (UnifiedMessage m : messages) {
            String name = InboxFormat.fileName(m);
            Path target = inbox.resolve(name);
            if (Files.exists(target) || Files.exists(inbox.resolve(PROCESSED).resolve(name))) {
                outcomes.add(DeliveryOutcome.verified("already in the inbox"));
            } else {
                files.put(target, InboxFormat.render(m).getBytes(StandardCharsets.UTF_8));
                outcomes.add(DeliveryOutcome.verified(null));
            }
        }
        try {
            AtomicFiles.writeAll(files, FSYNC);
            worked(agent);
        } catch (IOException e) {
            failed(agent, e);
            throw new BatchFailedException(
                    "cannot write " + files.size() + " files into the inbox of " + agent.id() + ": " + reason(e), e);
        }
        return outcomes;
    }

    @Override
    public DeliveryOutcome deliver(UnifiedMessage message, AgentConfig agent) {
        Path inbox = inboxOf.apply(agent);
        String name = InboxFormat.fileName(message);
        Path target = inbox.resolve(name);
        if (Files.exists(target) || Files.exists(inbox.resolve(PROCESSED).resolve(name))) {
            return DeliveryOutcome.verified("already in the inbox");
        }
        try {
            AtomicFiles.write(target, InboxFormat.render(message).getBytes(StandardCharsets.UTF_8));
            worked(agent);
            return DeliveryOutcome.verified(null);
        } catch (IOException e) {
            failed(agent, e);
            String why = "cannot write into the inbox of " + agent.id() + ": " + reason(e);
            return DiskFull.causedBy(e) ? DeliveryOutcome.failedNoRoom(why) : DeliveryOutcome.failedClean(why);
        }
    }

    /**
     * Why a file operation failed, without the path: the reason is shown in chat channels, where local paths
     * (user names, folder layout) have no business. The log has the full path.
     */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse) {
            return fse.getReason() != null
                    ? fse.getReason()
                    : e.getClass()
                            .getSimpleName()
                            .replace("Exception", "")
                            .replaceAll("([a-z])([A-Z])", "$1 $2")
                            .toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
