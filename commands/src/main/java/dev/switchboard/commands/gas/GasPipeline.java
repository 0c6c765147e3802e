package dev.switchboard.commands.gas;

import dev.switchboard.commands.answers.AnswerIntake;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.GasConfig;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.gas.GasState;
import dev.switchboard.core.gas.GasStateStore;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.routing.MessageRouter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns progress into prompts. When a task's progress reaches 75, 90 or 100 %, that threshold's prompt is sent
 * once per task: if several are crossed at once only the highest is sent (the lower ones count as done). A
 * threshold prompt has an id derived from agent, task, when the task was first seen and threshold, and the
 * state is stored only after the prompt is queued: so a crash in between sends it at most once (the queue
 * refuses the same id twice) and never loses it. An agent silent (no status change, no answer) for
 * {@code gas.silence_minutes} gets the silence prompt, again only after another silent period. Every prompt is
 * announced in the status channel. State lives in queue.db's {@code gas_state}.
 */
public final class GasPipeline {
    public static final List<Integer> THRESHOLDS = List.of(75, 90, 100);

    /** What {@link #observe} did. */
    public record Outcome(String prompted, String summary) {}

    private final MessageQueue queue;
    private final MessageRouter router;
    private final AgentRegistry agents;
    private final GasStateStore store;
    private final AnswerIntake announcer;
    private final Supplier<GasConfig> config;
    private final Clock clock;

    public GasPipeline(
            MessageQueue queue,
            MessageRouter router,
            AgentRegistry agents,
            GasStateStore store,
            AnswerIntake announcer,
            Supplier<GasConfig> config,
            Clock clock) {
        this.queue = queue;
        this.router = router;
        this.agents = agents;
        this.store = store;
        this.announcer = announcer;
        this.config = config;
        this.clock = clock;
    }

    /** A status report was read (file or {@code progress} command). Same report as last time: nothing happens. */
    synchronized Outcome observe(String agentName, StatusReport report) {
        AgentConfig agent = agent(agentName);
        Instant now = clock.instant();
        GasState s = store.get(agent.id()).orElse(GasState.fresh(agent.id(), now));
        if (report.stamp().equals(s.statusStamp())) {
            return new Outcome(null, agent.id() + ": no change");
        }
        boolean newTask = !Objects.equals(report.task(), s.task()) || s.taskSince() == null;
        Instant since = newTask ? now : s.taskSince();
        Set<Integer> fired = newTask ? new HashSet<>() : new HashSet<>(s.fired());
        Integer progress = report.progress();
        Integer due = null;
        if (progress != null) {
            for (int t : THRESHOLDS) {
                if (progress >= t && !fired.contains(t)) {
                    due = t;
                }
            }
        }
        String prompted = null;
        Instant lastPrompt = s.lastPrompt();
        String lastKind = s.lastPromptKind();
        if (due != null) {
            int threshold = due;
            THRESHOLDS.stream().filter(t -> t <= threshold).forEach(fired::add);
            String text = render(promptFor(threshold), agent.id(), report.task(), progress);
            String id = thresholdId(agent.id(), report.task(), since, threshold);
            send(agent.id(), id, text, threshold + " %");
            prompted = text;
            lastPrompt = now;
            lastKind = Integer.toString(threshold);
        }
        store.put(new GasState(
                agent.id(), report.task(), since, fired, progress, report.stamp(), now, lastPrompt, lastKind));
        return new Outcome(
                prompted,
                agent.id() + ": " + (progress == null ? "no progress" : progress + " %")
                        + (report.task() == null ? "" : " of \"" + report.task() + "\"")
                        + (due == null ? "" : "; prompted (" + due + " %)"));
    }

    /** {@code switchboard progress <agent> <percent> [task]}: as if the status file said so. */
    public Outcome progress(String agentName, int percent, String task) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("progress must be 0 to 100");
        }
        AgentConfig agent = agent(agentName);
        String t = task;
        if (t == null) {
            t = store.get(agent.id()).map(GasState::task).orElse(null);
        }
        return observe(agent.id(), new StatusReport(agent.id(), "reported", t, percent, "progress@" + clock.millis()));
    }

    /** An answer or other sign of life: silence starts again from now. */
    public synchronized void activity(String agentName) {
        agents.resolve(agentName).ifPresent(a -> {
            Instant now = clock.instant();
            GasState s = store.get(a.id()).orElse(GasState.fresh(a.id(), now));
            store.put(new GasState(
                    s.agent(),
                    s.task(),
                    s.taskSince(),
                    s.fired(),
                    s.progress(),
                    s.statusStamp(),
                    now,
                    s.lastPrompt(),
                    s.lastPromptKind()));
        });
    }

    /**
     * Prompts every agent that has been silent for the configured time, measured from its last sign of life and
     * from the last silence prompt. Agents never seen (no status, no answer) are not prompted.
     * @return the agents prompted
     */
    public synchronized List<String> checkSilence() {
        int minutes = config.get().silenceMinutes();
        if (minutes <= 0) {
            return List.of();
        }
        Duration silence = Duration.ofMinutes(minutes);
        Instant now = clock.instant();
        List<String> prompted = new java.util.ArrayList<>();
        for (AgentConfig a : agents.all()) {
            GasState s = store.get(a.id()).orElse(null);
            if (s == null || now.isBefore(s.lastActivity().plus(silence))) {
                continue;
            }
            if ("silent".equals(s.lastPromptKind())
                    && s.lastPrompt() != null
                    && now.isBefore(s.lastPrompt().plus(silence))) {
                continue;
            }
            long quiet = Duration.between(s.lastActivity(), now).toMinutes();
            String text = render(config.get().prompts().silent(), a.id(), s.task(), s.progress())
                    .replace("{minutes}", Long.toString(quiet));
            send(a.id(), MessageIds.newId(), text, "silent " + quiet + " min");
            store.put(new GasState(
                    s.agent(),
                    s.task(),
                    s.taskSince(),
                    s.fired(),
                    s.progress(),
                    s.statusStamp(),
                    s.lastActivity(),
                    now,
                    "silent"));
            prompted.add(a.id());
        }
        return prompted;
    }

    /** {@code gas <agent> [text]}: one prompt by hand (the keep-going prompt when no text is given). */
    public synchronized String manual(String agentName, String text) {
        AgentConfig agent = agent(agentName);
        Instant now = clock.instant();
        GasState s = store.get(agent.id()).orElse(GasState.fresh(agent.id(), now));
        String body;
        if (text != null && !text.isBlank()) {
            body = text;
        } else if (s.progress() == null) {
            body = agent.id() + ", keep going with your current task: you are on track."; // nothing known to fill in
        } else {
            body = render(config.get().prompts().keepGoing(), agent.id(), s.task(), s.progress());
        }
        String id = MessageIds.newId();
        send(agent.id(), id, body, "by hand");
        store.put(new GasState(
                s.agent(),
                s.task(),
                s.taskSince(),
                s.fired(),
                s.progress(),
                s.statusStamp(),
                s.lastActivity(),
                now,
                "manual"));
        return id;
    }

    /** Queues the prompt (unless a prompt with this id is already queued), then announces it. */
    private void send(String agent, String id, String text, String why) {
        if (queue.find(id).isPresent()) {
            return; // sent before a crash that kept the state from being stored
        }
        UnifiedMessage m = new UnifiedMessage(
                id,
                id,
                Sender.system("gas"),
                Recipient.agent(agent),
                MessageType.GAS,
                Priority.HIGH,
                text,
                null,
                Map.of("gas", why),
                null,
                clock.instant(),
                null);
        QueuedMessage q = router.submit(m).get(0);
        announcer.notice(agent, "⛽ gas → " + agent + " (" + why + ") #" + MessageIds.shortForm(q.id()) + ": " + text);
    }

    private String promptFor(int threshold) {
        GasConfig.GasPrompts p = config.get().prompts();
        return switch (threshold) {
            case 75 -> p.keepGoing();
            case 90 -> p.wrapUp();
            default -> p.report();
        };
    }

    private static String render(String template, String agent, String task, Integer progress) {
        return template.replace("{agent}", agent)
                .replace("{task}", task == null ? "your current task" : task)
                .replace("{progress}", progress == null ? "?" : progress.toString());
    }

    /** Name-based, so the same threshold of the same task is the same message (see the class comment). */
    static String thresholdId(String agent, String task, Instant since, int threshold) {
        return UUID.nameUUIDFromBytes(("gas|" + agent + "|" + task + "|" + since.toEpochMilli() + "|" + threshold)
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private AgentConfig agent(String name) {
        return agents.resolve(name == null ? "" : name)
                .orElseThrow(() -> dev.switchboard.core.routing.AgentMessageHandler.unknownAgent(
                        agents, name == null ? "" : name));
    }
}
