package dev.switchboard.bot;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.InboxDeliverer;
import dev.switchboard.delivery.gui.GuiDeliverer;
import dev.switchboard.delivery.tmux.TmuxDeliverer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The delivery methods this process offers; agents choose among them in their configured order. */
public final class Deliverers {
    private Deliverers() {}

    public static List<Deliverer> create(Supplier<SwitchboardConfig> config) {
        List<Deliverer> list = new ArrayList<>();
        list.add(new InboxDeliverer(agent -> config.get().inboxOf(agent)));
        // GUI delivery checks for a display per delivery (pre-flight), so it is offered even when headless:
        // agents listing gui then fall back with the reason instead of silently skipping it.
        list.add(GuiDeliverer.create(config.get().dataDir()));
        list.add(TmuxDeliverer.create(config.get().dataDir()));
        return list;
    }
}
