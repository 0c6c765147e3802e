package dev.switchboard.bot;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.InboxDeliverer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The delivery methods this process offers; agents choose among them in their configured order. */
final class Deliverers {
    private Deliverers() {
    }

    static List<Deliverer> create(Supplier<SwitchboardConfig> config) {
        List<Deliverer> list = new ArrayList<>();
        list.add(new InboxDeliverer(agent -> config.get().inboxOf(agent)));
        return list;
    }
}
