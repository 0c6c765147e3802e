package dev.switchboard.bot.discord;

import java.util.List;

/**
 * A Discord slash command as plain data, derived from a command's picocli definition by {@link SlashCommandDefs}
 * and turned into JDA's type by {@link SlashCommandsJda}.
 *
 * @param name        command (or subcommand) name
 * @param description at most 100 characters
 * @param adminOnly   hidden by default from members without Administrator (checked again when it runs)
 * @param options     its options, required ones first (Discord's rule)
 * @param subcommands its subcommands (then it has no options itself)
 */
record SlashCommandDef(
        String name, String description, boolean adminOnly, List<Option> options, List<SlashCommandDef> subcommands) {
    public SlashCommandDef {
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
    }

    public enum Kind {
        STRING,
        INTEGER,
        BOOLEAN
    }

    /**
     * @param name         option name as Discord shows it ("agent", "text", "priority")
     * @param description  at most 100 characters
     * @param kind         value type
     * @param required     must be given
     * @param choices      fixed values to pick from (empty: free)
     * @param autocomplete values are suggested as the member types (agent names)
     * @param flag         the command-line option it maps to ({@code --priority}), or null for a positional
     * @param index        a positional's place on the command line; -1 for flags
     */
    public record Option(
            String name,
            String description,
            Kind kind,
            boolean required,
            List<String> choices,
            boolean autocomplete,
            String flag,
            int index) {
        public Option {
            choices = List.copyOf(choices);
        }

        public boolean positional() {
            return flag == null;
        }
    }

    public java.util.Optional<SlashCommandDef> subcommand(String subName) {
        return subcommands.stream().filter(s -> s.name().equals(subName)).findFirst();
    }
}
