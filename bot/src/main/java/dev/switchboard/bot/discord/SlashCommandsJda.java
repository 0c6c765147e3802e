package dev.switchboard.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@link SlashCommandDef} in JDA's types, for registering with Discord. */
final class SlashCommandsJda {
    private SlashCommandsJda() {}

    static SlashCommandData toJda(SlashCommandDef def) {
        SlashCommandData data = Commands.slash(def.name(), def.description());
        if (def.adminOnly()) {
            // hidden from everyone but Administrators; server owners can widen this under Integrations
            data.setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.ADMINISTRATOR));
        }
        if (def.subcommands().isEmpty()) {
            data.addOptions(options(def.options()));
        } else {
            for (SlashCommandDef sub : def.subcommands()) {
                data.addSubcommands(
                        new SubcommandData(sub.name(), sub.description()).addOptions(options(sub.options())));
            }
        }
        return data;
    }

    private static List<OptionData> options(List<SlashCommandDef.Option> options) {
        return options.stream()
                .map(o -> {
                    OptionType type = switch (o.kind()) {
                        case STRING -> OptionType.STRING;
                        case INTEGER -> OptionType.INTEGER;
                        case BOOLEAN -> OptionType.BOOLEAN;
                    };
                    OptionData data = new OptionData(type, o.name(), o.description(), o.required(), o.autocomplete());
                    o.choices().forEach(c -> data.addChoice(c, c));
                    return data;
                })
                .toList();
    }
}
