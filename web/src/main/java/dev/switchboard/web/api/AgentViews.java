package dev.switchboard.web.api;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.queue.QueueStats;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.Transition;
import dev.switchboard.web.WebContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every agent with its methods and their breakers, queue depth, last delivery and paused state. */
final class AgentViews {
    record Method(String method, String breaker) {}

    record AgentView(
            String id,
            List<String> aliases,
            List<String> tags,
            List<Method> methods,
            long queueDepth,
            Map<MessageState, Long> counts,
            boolean paused,
            Instant lastDelivery,
            String lastDeliveryId) {}

    private AgentViews() {}

    static List<AgentView> all(WebContext web) {
        QueueStats stats = web.queue().stats();
        List<AgentView> out = new ArrayList<>();
        for (AgentConfig a : web.agents().all()) {
            List<Method> methods = new ArrayList<>();
            for (DeliveryMethod m : a.delivery()) {
                methods.add(new Method(
                        m.key(),
                        web.fleet()
                                .breaker(a.id(), m)
                                .name()
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '-')));
            }
            List<QueuedMessage> last = web.queue().list(List.of(MessageState.DELIVERED, MessageState.READ), a.id(), 1);
            Instant lastAt = last.isEmpty()
                    ? null
                    : web.queue().history(last.get(0).id()).stream()
                            .filter(t -> t.to() == MessageState.DELIVERED)
                            .map(Transition::at)
                            .reduce((x, y) -> y)
                            .orElse(last.get(0).updatedAt());
            out.add(new AgentView(
                    a.id(),
                    a.aliases(),
                    a.tags(),
                    methods,
                    stats.pending(a.id()),
                    stats.byAgent().getOrDefault(a.id(), Map.of()),
                    stats.paused().contains(a.id()),
                    lastAt,
                    last.isEmpty() ? null : last.get(0).id()));
        }
        return out;
    }
}
