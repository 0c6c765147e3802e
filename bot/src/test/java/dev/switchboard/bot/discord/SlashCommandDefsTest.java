package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.CommandSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Slash commands derived from the real command set's picocli definitions. */
class SlashCommandDefsTest {
    private final Map<String, SlashCommandDef> defs = SlashCommandDefs.from(new CommandSet(null).commands()).stream()
            .collect(Collectors.toMap(SlashCommandDef::name, Function.identity()));

    @Test
    void everyCommandBecomesASlashCommandWithinDiscordsLimits() {
        assertTrue(
                defs.keySet().containsAll(List.of("msg", "broadcast", "status", "agents", "queue", "onboard", "help")),
                defs.keySet().toString());
        for (SlashCommandDef d : defs.values()) {
            assertTrue(d.name().matches("[-_a-z0-9]{1,32}"), d.name());
            assertTrue(d.description().length() <= 100, d.description());
            boolean seenOptional = false;
            for (SlashCommandDef.Option o : d.options()) {
                assertTrue(o.name().matches("[-_a-z0-9]{1,32}"), o.name());
                assertFalse(seenOptional && o.required(), "required after optional in " + d.name());
                seenOptional |= !o.required();
            }
        }
    }

    @Test
    void msgHasAgentWithAutocompleteTextAndPriorityChoices() {
        SlashCommandDef msg = defs.get("msg");

        assertEquals(
                List.of("agent", "text", "priority", "in", "at", "every"),
                msg.options().stream().map(SlashCommandDef.Option::name).toList());
        SlashCommandDef.Option agent = msg.options().get(0);
        assertTrue(agent.required() && agent.autocomplete() && agent.positional());
        assertTrue(msg.options().get(1).required());
        SlashCommandDef.Option priority = msg.options().get(2);
        assertEquals(List.of("urgent", "high", "normal", "low"), priority.choices());
        assertEquals("--priority", priority.flag());
        assertFalse(msg.adminOnly());
    }

    @Test
    void queueAndOnboardAreAdminCommandsOthersAreNot() {
        assertTrue(defs.get("queue").adminOnly());
        assertTrue(defs.get("onboard").adminOnly());
        assertFalse(defs.get("help").adminOnly());
        assertFalse(defs.get("agents").adminOnly());
        assertEquals(
                List.of("list", "retry", "cancel", "purge-dead", "pause", "resume"),
                defs.get("queue").subcommands().stream()
                        .map(SlashCommandDef::name)
                        .toList());
        assertTrue(defs.get("queue").options().isEmpty(), "a command with subcommands has no own options");
    }

    @Test
    void filledInValuesBecomeTheArgumentListWithTextKeptWhole() {
        List<String> args = SlashCommandDefs.toArgs(
                defs.get("msg"),
                null,
                Map.of("text", "--force rerun\nthe tests", "agent", "Agent-2", "priority", "high"));

        assertEquals(List.of("msg", "--priority", "high", "--", "Agent-2", "--force rerun\nthe tests"), args);
    }

    @Test
    void subcommandsAndBooleanFlags() {
        SlashCommandDef queue = defs.get("queue");

        assertEquals(
                List.of("queue", "retry", "--", "3f2a"), SlashCommandDefs.toArgs(queue, "retry", Map.of("id", "3f2a")));
        assertEquals(List.of("queue", "list", "--all"), SlashCommandDefs.toArgs(queue, "list", Map.of("all", "true")));
        assertEquals(List.of("queue", "list"), SlashCommandDefs.toArgs(queue, "list", Map.of("all", "false")));
        assertEquals(List.of("status"), SlashCommandDefs.toArgs(defs.get("status"), null, Map.of()));
    }
}
