package dev.switchboard.delivery;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.message.UnifiedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the message as a file into {@code <inbox>/}, atomically and durably. Verified by construction:
 * once the rename and directory fsync returned, the whole file is there.
 */
public final class InboxDeliverer implements Deliverer {
    public static final String PROCESSED = "processed";

    private final Function<AgentConfig, Path> inboxOf;

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
            return Optional.of("cannot create inbox " + inbox + ": " + e.getMessage());
        }
        return Files.isWritable(inbox) ? Optional.empty() : Optional.of("inbox " + inbox + " is not writable");
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
            return DeliveryOutcome.verified(null);
        } catch (IOException e) {
            return DeliveryOutcome.failedClean("cannot write " + target + ": " + e.getMessage());
        }
    }
}
