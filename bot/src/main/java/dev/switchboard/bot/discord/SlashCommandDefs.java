package dev.switchboard.bot.discord;

import dev.switchboard.commands.CommandInfo;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.core.message.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Slash commands from the one command set: each command's picocli options and parameters become Discord
 * options, so chat, CLI and slash commands cannot drift apart. Going back, {@link #toArgs} turns the values a
 * member filled in into the argument list {@code CommandSet.execute} takes.
 */
final class SlashCommandDefs {
    static final int MAX_DESCRIPTION = 100;
    private static final int MAX_CHOICES = 25;
    /** Parameters with this name get agent autocomplete. */
    static final String AGENT = "agent";

    private SlashCommandDefs() {}

    public static List<SlashCommandDef> from(List<CommandInfo> commands) {
        return commands.stream()
                .map(c -> of(c.spec(), c.description(), c.requiredRole()))
                .toList();
    }

    private static SlashCommandDef of(CommandSpec spec, String description, Role role) {
        Map<String, CommandSpec> subs = new LinkedHashMap<>();
        spec.subcommands()
                .values()
                .forEach(cl -> subs.putIfAbsent(cl.getCommandSpec().name(), cl.getCommandSpec()));
        List<SlashCommandDef> subDefs = subs.values().stream()
                .map(s -> of(s, String.join(" ", s.usageMessage().description()), roleOf(s, role)))
                .toList();
        boolean adminOnly = role == Role.ADMIN || subDefs.stream().anyMatch(SlashCommandDef::adminOnly);
        List<SlashCommandDef.Option> options = subDefs.isEmpty() ? optionsOf(spec) : List.of();
        return new SlashCommandDef(spec.name(), clip(description), adminOnly, options, subDefs);
    }

    private static Role roleOf(CommandSpec spec, Role fallback) {
        return spec.userObject() instanceof SwitchboardCommand c ? c.requiredRole() : fallback;
    }

    private static List<SlashCommandDef.Option> optionsOf(CommandSpec spec) {
        List<SlashCommandDef.Option> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || o.hidden()) {
                continue;
            }
            String name = o.longestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
            out.add(option(name, o, o.longestName(), -1));
        }
        spec.positionalParameters().stream()
                .sorted(Comparator.comparingInt(p -> p.index().min()))
                .forEach(p -> out.add(option(labelOf(p), p, null, p.index().min())));
        // Discord requires required options before optional ones; the sort is stable
        out.sort(Comparator.comparing(o -> !o.required()));
        return out;
    }

    private static SlashCommandDef.Option option(String name, ArgSpec arg, String flag, int index) {
        Class<?> type = arg.type();
        SlashCommandDef.Kind kind = type == boolean.class || type == Boolean.class
                ? SlashCommandDef.Kind.BOOLEAN
                : type == int.class || type == Integer.class || type == long.class || type == Long.class
                        ? SlashCommandDef.Kind.INTEGER
                        : SlashCommandDef.Kind.STRING;
        List<String> choices = type.isEnum() && type.getEnumConstants().length <= MAX_CHOICES
                ? Arrays.stream(type.getEnumConstants())
                        .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT))
                        .toList()
                : List.of();
        boolean required = flag == null ? arg.arity().min() > 0 : arg.required();
        String description = String.join(" ", arg.description());
        return new SlashCommandDef.Option(
                name,
                clip(description.isBlank() ? name : description),
                kind,
                required,
                choices,
                name.equals(AGENT),
                flag,
                index);
    }

    private static String labelOf(PositionalParamSpec p) {
        return p.paramLabel().replaceAll("[<>.]", "").toLowerCase(Locale.ROOT);
    }

    private static String clip(String s) {
        String one = s == null || s.isBlank() ? "-" : s.strip();
        return one.length() <= MAX_DESCRIPTION ? one : one.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    /**
     * The argument list for {@code CommandSet.execute}: command, subcommand, flags, then {@code --} and the
     * positionals in order (so text starting with a dash stays text).
     *
     * @param values option name → value as Discord sent it (booleans as "true"/"false")
     */
    public static List<String> toArgs(SlashCommandDef command, String subcommand, Map<String, String> values) {
        List<String> args = new ArrayList<>();
        args.add(command.name());
        SlashCommandDef target = command;
        if (subcommand != null) {
            target = command.subcommand(subcommand)
                    .orElseThrow(() ->
                            new IllegalArgumentException("no subcommand " + subcommand + " of " + command.name()));
            args.add(subcommand);
        }
        List<String> positionals = new ArrayList<>();
        List<SlashCommandDef.Option> ordered = new ArrayList<>(target.options());
        ordered.sort(Comparator.comparingInt(SlashCommandDef.Option::index));
        for (SlashCommandDef.Option o : ordered) {
            String value = values.get(o.name());
            if (value == null) {
                continue;
            }
            if (o.positional()) {
                positionals.add(value);
            } else if (o.kind() == SlashCommandDef.Kind.BOOLEAN) {
                if (Boolean.parseBoolean(value)) {
                    args.add(o.flag());
                }
            } else {
                args.add(o.flag());
                args.add(value);
            }
        }
        if (!positionals.isEmpty()) {
            args.add("--");
            args.addAll(positionals);
        }
        return args;
    }
}
