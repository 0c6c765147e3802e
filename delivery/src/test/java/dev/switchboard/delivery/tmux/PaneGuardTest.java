package dev.switchboard.delivery.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.TmuxConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaneGuardTest {
    private static final TmuxConfig DEFAULT = new TmuxConfig("agents:0.1", null);
    private static final TmuxConfig EXPECT = new TmuxConfig("agents:0.1", null, List.of("claude", "node", "bash"));

    @Test
    void byDefaultShellsAndUnnamedProgramsAreRefusedAndAgentProgramsAllowed() {
        for (String shell : List.of("bash", "-bash", "sh", "zsh", "fish", "dash", "ksh", "tcsh", "csh", "", " ")) {
            Optional<String> why = PaneGuard.refusal(DEFAULT, false, shell);
            assertTrue(why.isPresent() && why.get().contains("a shell"), shell + ": " + why);
        }
        for (String login : List.of("sudo", "su", "login")) {
            Optional<String> why = PaneGuard.refusal(DEFAULT, false, login);
            assertTrue(why.isPresent() && why.get().contains("password"), login + ": " + why);
        }
        for (String agent : List.of("claude", "codex", "node", "python3", "aider")) {
            assertEquals(Optional.empty(), PaneGuard.refusal(DEFAULT, false, agent), agent);
        }
    }

    @Test
    void expectIsAnAllowListThatMayNameEvenAShell() {
        assertEquals(Optional.empty(), PaneGuard.refusal(EXPECT, false, "claude"));
        assertEquals(Optional.empty(), PaneGuard.refusal(EXPECT, false, "bash"));
        assertEquals(
                Optional.of("runs python3, which is not in tmux.expect [claude, node, bash]"),
                PaneGuard.refusal(EXPECT, false, "python3"));
        assertTrue(PaneGuard.refusal(EXPECT, false, "zsh").isPresent());
    }

    @Test
    void aDeadPaneIsAlwaysRefused() {
        assertEquals(Optional.of("is dead (its program exited)"), PaneGuard.refusal(EXPECT, true, "claude"));
        assertEquals(Optional.of("is dead (its program exited)"), PaneGuard.refusal(DEFAULT, true, "node"));
    }
}
