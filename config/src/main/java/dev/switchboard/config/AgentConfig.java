package dev.switchboard.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One agent Switchboard can deliver to.
 *
 * @param id       its name, as users type it (case-insensitive)
 * @param aliases  other names that resolve to it
 * @param tags     specialties; a message can be sent to every agent with a tag
 * @param delivery methods in fallback order
 * @param inbox    where inbox files go; default {@code <workspaces>/<id>/inbox}
 * @param gui      screen coordinates for GUI delivery
 * @param tmux     pane for tmux delivery
 * @param node     the {@code switchboard node} that delivers to it (scale-out), or null: this process
 */
public record AgentConfig(
        String id,
        List<String> aliases,
        List<String> tags,
        List<DeliveryMethod> delivery,
        Path inbox,
        GuiConfig gui,
        TmuxConfig tmux,
        String node) {
    public AgentConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        tags = tags == null ? List.of() : List.copyOf(tags);
        delivery = delivery == null || delivery.isEmpty() ? List.of(DeliveryMethod.INBOX) : List.copyOf(delivery);
    }

    /** An agent this process delivers to itself. */
    public AgentConfig(
            String id,
            List<String> aliases,
            List<String> tags,
            List<DeliveryMethod> delivery,
            Path inbox,
            GuiConfig gui,
            TmuxConfig tmux) {
        this(id, aliases, tags, delivery, inbox, gui, tmux, null);
    }

    public static AgentConfig inboxOnly(String id) {
        return new AgentConfig(id, List.of(), List.of(), List.of(DeliveryMethod.INBOX), null, null, null);
    }

    public AgentConfig withGui(GuiConfig newGui) {
        return new AgentConfig(id, aliases, tags, delivery, inbox, newGui, tmux, node);
    }

    public AgentConfig withInbox(Path newInbox) {
        return new AgentConfig(id, aliases, tags, delivery, newInbox, gui, tmux, node);
    }

    /** Delivered by a {@code switchboard node} over the broker rather than by this process. */
    public boolean remote() {
        return node != null && !node.isBlank();
    }
}
