package dev.switchboard.delivery.peek;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.snapshot.Snapshot;
import dev.switchboard.core.snapshot.SnapshotSource;
import dev.switchboard.delivery.gui.AwtDesktop;
import dev.switchboard.delivery.gui.Desktop;
import dev.switchboard.delivery.gui.InputLock;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Snapshots by an agent's first delivery method: its window for {@code gui}, its pane for {@code tmux}, its
 * inbox and outbox files for {@code inbox}.
 */
public final class AgentPeeker implements SnapshotSource {
    private final Supplier<GuiPeek> gui;
    private final Supplier<Optional<String>> guiRefusal;
    private final Function<AgentConfig, Path> inboxOf;
    private final Function<AgentConfig, Path> outboxOf;

    /**
     * @param guiRefusal why GUI pictures may not be taken in this process now (e.g. another process is delivering
     *                   into windows and its input lock cannot be seen from here), or empty
     */
    public AgentPeeker(
            Supplier<Desktop> desktop,
            InputLock lock,
            Supplier<Optional<String>> guiRefusal,
            Function<AgentConfig, Path> inboxOf,
            Function<AgentConfig, Path> outboxOf) {
        this.gui = () -> new GuiPeek(desktop.get(), lock);
        this.guiRefusal = guiRefusal;
        this.inboxOf = inboxOf;
        this.outboxOf = outboxOf;
    }

    /**
     * The real screen (AWT is loaded only when a GUI agent is peeked at, so CLI calls stay light) and this
     * process's GUI input lock.
     */
    public static AgentPeeker create(
            Supplier<Optional<String>> guiRefusal,
            Function<AgentConfig, Path> inboxOf,
            Function<AgentConfig, Path> outboxOf) {
        return new AgentPeeker(() -> new AwtDesktop(), InputLock.GLOBAL, guiRefusal, inboxOf, outboxOf);
    }

    @Override
    public Snapshot take(AgentConfig agent) throws InterruptedException {
        DeliveryMethod first = agent.delivery().isEmpty()
                ? DeliveryMethod.INBOX
                : agent.delivery().get(0);
        return switch (first) {
            case GUI -> {
                Optional<String> refused = guiRefusal.get();
                if (refused.isPresent()) {
                    throw new SnapshotException(refused.get());
                }
                yield gui.get().take(agent);
            }
            case TMUX -> TmuxPeek.take(agent);
            case INBOX -> InboxPeek.take(agent, inboxOf.apply(agent), outboxOf.apply(agent));
        };
    }
}
