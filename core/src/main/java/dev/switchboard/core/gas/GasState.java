package dev.switchboard.core.gas;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the gas pipeline knows of one agent.
 *
 * @param agent          the agent
 * @param task           its current task as last reported, or null
 * @param taskSince      when that task was first seen (tells a task from a later one of the same name), or null
 * @param fired          thresholds (percent) already prompted for that task
 * @param progress       last reported progress, or null
 * @param statusStamp    what identifies the last status file seen (its {@code last_updated}, or size and time),
 *                       so an unchanged file is not news
 * @param lastActivity   last status change or answer: silence is measured from here
 * @param lastPrompt     when the last prompt was sent, or null
 * @param lastPromptKind which prompt that was ("75", "90", "100", "silent", "manual"), or null
 */
public record GasState(
        String agent,
        String task,
        Instant taskSince,
        Set<Integer> fired,
        Integer progress,
        String statusStamp,
        Instant lastActivity,
        Instant lastPrompt,
        String lastPromptKind) {
    public GasState {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(lastActivity, "lastActivity");
        fired = fired == null ? Set.of() : Set.copyOf(new TreeSet<>(fired));
    }

    public static GasState fresh(String agent, Instant now) {
        return new GasState(agent, null, null, Set.of(), null, null, now, null, null);
    }
}
