package dev.switchboard.commands.answers;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.AnswerStore;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.UnknownMessageException;
import dev.switchboard.core.routing.MessageRouter;
import dev.switchboard.core.routing.RejectedException;
import dev.switchboard.core.routing.TextRules;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes an agent's answer: checks it, then either queues it to another agent (front matter {@code to:}, or a
 * question that came from an agent) through the ordinary queue with its ordinary states, or stores it for the
 * front-end the question came from (the status channel when it answers nothing). The question becomes READ.
 * Everything is committed before {@link #take} returns.
 */
public final class AnswerIntake {
    /** Longest answer taken; chat bridges split long ones. */
    public static final int MAX_CHARS = 16_000;

    /** What became of an answer. */
    public record Taken(String id, String summary) {}

    private final MessageQueue queue;
    private final MessageRouter router;
    private final AgentRegistry agents;
    private final AnswerStore store;
    private final Clock clock;
    private final Runnable stored;
    private volatile Consumer<String> activity = agent -> {};

    /** @param stored called after an answer was stored for people (wakes the router) */
    public AnswerIntake(
            MessageQueue queue,
            MessageRouter router,
            AgentRegistry agents,
            AnswerStore store,
            Clock clock,
            Runnable stored) {
        this.queue = queue;
        this.router = router;
        this.agents = agents;
        this.store = store;
        this.clock = clock;
        this.stored = stored;
    }

    /** Told the agent id of every answer taken (the gas pipeline counts answers as signs of life). */
    public void onActivity(Consumer<String> listener) {
        this.activity = listener;
    }

    public AnswerStore store() {
        return store;
    }

    /** @throws AnswerRefused with a one-line reason; nothing was stored then */
    public Taken take(AgentAnswer a) {
        AgentConfig from = agents.resolve(a.agent() == null ? "" : a.agent())
                .orElseThrow(() -> new AnswerRefused("unknown agent '" + shorten(a.agent()) + "'"));
        String body = a.body() == null ? "" : a.body().strip();
        TextRules.problem(body, MAX_CHARS).ifPresent(p -> {
            throw new AnswerRefused(p.replace("the message", "the answer"));
        });
        Optional<QueuedMessage> question = Optional.empty();
        if (a.replyTo() != null && !a.replyTo().isBlank()) {
            String ref = a.replyTo().strip();
            question = Optional.of(find(ref));
        }
        String toAgent = null;
        if (a.to() != null && !a.to().isBlank()) {
            toAgent = agents.resolve(a.to().strip())
                    .map(AgentConfig::id)
                    .orElseThrow(() -> new AnswerRefused("to: unknown agent '" + shorten(a.to()) + "'"));
        } else if (question.isPresent() && question.get().message().sender().platform() == Platform.AGENT) {
            toAgent = agents.resolve(question.get().message().sender().userId())
                    .map(AgentConfig::id)
                    .orElse(null);
        }
        Taken taken = toAgent != null
                ? queueToAgent(from.id(), toAgent, body, question)
                : storeForPeople(from.id(), body, question);
        question.ifPresent(q -> markAnswered(q, from.id()));
        activity.accept(from.id());
        return taken;
    }

    private QueuedMessage find(String ref) {
        String id = ref.startsWith("#") ? ref.substring(1) : ref;
        if (id.length() < 4 || id.length() > 64 || !id.matches("[0-9A-Za-z-]+")) {
            throw new AnswerRefused("reply_to: '" + shorten(ref) + "' is not a message id (like #2af0)");
        }
        try {
            return queue.find(id).orElseThrow(() -> new AnswerRefused("reply_to: no message #" + id));
        } catch (IllegalArgumentException | UnknownMessageException e) {
            // A short id that matches several messages stays ambiguous: waiting would never settle it.
            throw new AnswerRefused("reply_to: " + e.getMessage());
        }
    }

    private Taken queueToAgent(String from, String to, String body, Optional<QueuedMessage> question) {
        String id = MessageIds.newId();
        String correlation = question.map(q -> q.message().correlationId()).orElse(id);
        Map<String, String> meta = question.map(q -> Map.of("reply_to", q.id())).orElse(Map.of());
        UnifiedMessage m = new UnifiedMessage(
                id,
                correlation,
                new Sender(Platform.AGENT, from, from, Role.OPERATOR),
                Recipient.agent(to),
                MessageType.REPLY,
                Priority.NORMAL,
                body,
                null,
                meta,
                Origin.of(Platform.AGENT),
                clock.instant(),
                null);
        try {
            QueuedMessage q = router.submit(m).get(0);
            return new Taken(q.id(), "queued #" + MessageIds.shortForm(q.id()) + " from " + from + " to " + to);
        } catch (RejectedException e) {
            throw new AnswerRefused(e.getMessage());
        }
    }

    private Taken storeForPeople(String from, String body, Optional<QueuedMessage> question) {
        Origin origin = question.map(q -> q.message().origin()).orElse(null);
        Destination where = question.isPresent() ? Destination.of(origin) : Destination.STATUS;
        Answer answer = new Answer(
                MessageIds.newId(),
                Answer.Kind.ANSWER,
                from,
                question.map(QueuedMessage::id).orElse(null),
                where,
                where == Destination.STATUS ? null : origin,
                body,
                clock.instant());
        store.add(answer);
        stored.run();
        return new Taken(
                answer.id(),
                "answer from " + from
                        + question.map(q -> " to #" + MessageIds.shortForm(q.id()))
                                .orElse("") + " stored for " + where.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Stores a notice for the status channel (gas prompts, onboarding); shown like an answer, once. */
    public void notice(String agent, String text) {
        store.add(new Answer(
                MessageIds.newId(), Answer.Kind.NOTICE, agent, null, Destination.STATUS, null, text, clock.instant()));
        stored.run();
    }

    private void markAnswered(QueuedMessage q, String by) {
        MessageState now = queue.find(q.id()).map(QueuedMessage::state).orElse(q.state());
        if (now == MessageState.DELIVERED) {
            queue.markRead(q.id(), "answered by " + by);
        }
    }

    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }
}
