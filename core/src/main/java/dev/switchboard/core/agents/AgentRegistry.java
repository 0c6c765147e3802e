package dev.switchboard.core.agents;

import dev.switchboard.config.AgentConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The agents there are now (the agents file is reloaded while running). Names are case-insensitive and
 * aliases resolve to their agent.
 */
public final class AgentRegistry {
    private final AtomicReference<List<AgentConfig>> agents;
    private final List<Consumer<List<AgentConfig>>> listeners = new CopyOnWriteArrayList<>();

    public AgentRegistry(List<AgentConfig> initial) {
        this.agents = new AtomicReference<>(List.copyOf(initial));
    }

    public List<AgentConfig> all() {
        return agents.get();
    }

    public void replace(List<AgentConfig> newAgents) {
        agents.set(List.copyOf(newAgents));
        listeners.forEach(l -> l.accept(agents.get()));
    }

    /** Called with the new list after every {@link #replace}. */
    public void onChange(Consumer<List<AgentConfig>> listener) {
        listeners.add(listener);
    }

    public Optional<AgentConfig> resolve(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (AgentConfig a : agents.get()) {
            if (a.id().toLowerCase(Locale.ROOT).equals(key)
                    || a.aliases().stream()
                            .anyMatch(al -> al.toLowerCase(Locale.ROOT).equals(key))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Agents carrying a tag (case-insensitive). */
    public List<AgentConfig> withTag(String tag) {
        String key = tag.toLowerCase(Locale.ROOT);
        return agents.get().stream()
                .filter(a -> a.tags().stream().anyMatch(t -> t.equalsIgnoreCase(key)))
                .toList();
    }

    /** The closest agent id for a mistyped name ("Agnet-2" → Agent-2), if any is close enough. */
    public Optional<String> suggest(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        record Candidate(String id, int distance) {}
        List<Candidate> candidates = new ArrayList<>();
        for (AgentConfig a : agents.get()) {
            List<String> names = new ArrayList<>(a.aliases());
            names.add(a.id());
            int best = names.stream()
                    .mapToInt(n -> distance(key, n.toLowerCase(Locale.ROOT)))
                    .min()
                    .orElse(99);
            candidates.add(new Candidate(a.id(), best));
        }
        int limit = Math.max(2, key.length() / 3);
        return candidates.stream()
                .filter(c -> c.distance() <= limit)
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::id);
    }

    /** Ids and aliases starting with (or, failing that, containing) {@code prefix}, for autocomplete. */
    public List<String> complete(String prefix) {
        String key = prefix == null ? "" : prefix.trim().toLowerCase(Locale.ROOT);
        List<String> starts = new ArrayList<>();
        List<String> contains = new ArrayList<>();
        for (AgentConfig a : agents.get()) {
            List<String> names = new ArrayList<>();
            names.add(a.id());
            names.addAll(a.aliases());
            for (String n : names) {
                String lower = n.toLowerCase(Locale.ROOT);
                if (lower.startsWith(key)) {
                    starts.add(n);
                } else if (lower.contains(key)) {
                    contains.add(n);
                }
            }
        }
        starts.addAll(contains);
        return starts;
    }

    /** Damerau-style edit distance (with transpositions: "Agnet" is one edit from "Agent"). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
