package dev.switchboard.core.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {
    static AgentConfig agent(String id, List<String> aliases, List<String> tags) {
        return new AgentConfig(id, aliases, tags, List.of(DeliveryMethod.INBOX), null, null, null);
    }

    private final AgentRegistry registry = new AgentRegistry(List.of(
            agent("Agent-1", List.of("a1", "Frontend"), List.of("ui", "web")),
            agent("Agent-2", List.of("a2"), List.of("Backend")),
            agent("Agent-10", List.of(), List.of("web"))));

    private Optional<String> resolve(String name) {
        return registry.resolve(name).map(AgentConfig::id);
    }

    @Test
    void namesResolveInAnyCaseAndThroughAliases() {
        assertEquals(Optional.of("Agent-2"), resolve("agent-2"));
        assertEquals(Optional.of("Agent-2"), resolve("AGENT-2"));
        assertEquals(Optional.of("Agent-1"), resolve("frontend"));
        assertEquals(Optional.of("Agent-1"), resolve("  A1 "));
        assertEquals(Optional.of("Agent-10"), resolve("agent-10"));
        assertEquals(Optional.empty(), resolve("Agent-3"));
        assertEquals(Optional.empty(), resolve(null));
    }

    @Test
    void aMistypedNameGetsTheClosestAgent() {
        assertEquals(Optional.of("Agent-2"), registry.suggest("Agnet-2"));
        assertEquals(Optional.of("Agent-1"), registry.suggest("fronted"));
        assertEquals(Optional.of("Agent-10"), registry.suggest("agnet-10"));
        assertEquals(Optional.empty(), registry.suggest("completely-different"));
    }

    @Test
    void tagsAreCaseInsensitive() {
        assertEquals(
                List.of("Agent-1", "Agent-10"),
                registry.withTag("WEB").stream().map(AgentConfig::id).toList());
        assertEquals(
                List.of("Agent-2"),
                registry.withTag("backend").stream().map(AgentConfig::id).toList());
        assertEquals(List.of(), registry.withTag("nothing"));
    }

    @Test
    void completionPrefersPrefixesThenSubstrings() {
        assertEquals(List.of("Agent-1", "Agent-10"), registry.complete("agent-1"));
        assertEquals(
                List.of("a1", "a2"),
                registry.complete("A").stream().filter(s -> s.length() == 2).toList());
        assertEquals(List.of("Frontend"), registry.complete("end"));
    }

    @Test
    void replacingTheListTellsListenersAndChangesResolution() {
        List<List<AgentConfig>> seen = new ArrayList<>();
        registry.onChange(seen::add);

        registry.replace(List.of(agent("Agent-7", List.of("seven"), List.of())));

        assertEquals(1, seen.size());
        assertEquals(Optional.of("Agent-7"), resolve("SEVEN"));
        assertEquals(Optional.empty(), resolve("Agent-1"));
    }
}
