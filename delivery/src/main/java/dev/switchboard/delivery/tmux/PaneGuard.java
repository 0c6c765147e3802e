package dev.switchboard.delivery.tmux;

import dev.switchboard.config.TmuxConfig;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides from what a pane runs whether text may be pasted into it. A chat message must never become a shell
 * command: when the agent program exits, its pane shows the shell it was started from, and whatever is pasted
 * there runs. So a dead pane, or a shell in the foreground, is refused before anything is touched, unless the
 * agent's {@code tmux.expect} lists that program by name.
 */
final class PaneGuard {

    /** Programs that run pasted lines as commands. Refused unless {@code tmux.expect} names them. */
    static final Set<String> SHELLS = Set.of(
            "sh",
            "bash",
            "rbash",
            "dash",
            "ash",
            "zsh",
            "fish",
            "ksh",
            "mksh",
            "oksh",
            "pdksh",
            "lksh",
            "tcsh",
            "csh",
            "yash",
            "posh",
            "busybox",
            "nu",
            "elvish",
            "xonsh",
            "pwsh",
            "powershell",
            "rc",
            "es",
            "sash");

    /** Programs that may be asking for a password: a chat message must not be typed there either. */
    static final Set<String> PASSWORD_PROMPTS = Set.of("login", "su", "sudo", "doas", "passwd");

    private PaneGuard() {}

    /**
     * @param dead    {@code #{pane_dead}}: the pane's program exited and the pane was kept (remain-on-exit)
     * @param command {@code #{pane_current_command}}: the pane's foreground program, as tmux names it
     * @return why nothing may be pasted, or empty if the pane runs what the agent expects
     */
    static Optional<String> refusal(TmuxConfig cfg, boolean dead, String command) {
        if (dead) {
            return Optional.of("is dead (its program exited)");
        }
        // A login shell shows as "-bash"; tmux usually strips the dash itself.
        String name = command == null ? "" : command.strip().replaceFirst("^-+", "");
        String shown = name.isEmpty() ? "no program tmux can name" : name;
        if (cfg.expect() != null) {
            return cfg.expect().contains(name)
                    ? Optional.empty()
                    : Optional.of("runs " + shown + ", which is not in tmux.expect " + cfg.expect());
        }
        if (PASSWORD_PROMPTS.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("runs " + name + ", which may be asking for a password");
        }
        if (name.isEmpty() || SHELLS.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("runs " + shown + ", a shell: pasted text would run as commands (has the agent "
                    + "program exited?)");
        }
        return Optional.empty();
    }
}
