package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandCatalog;
import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.core.message.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "help", description = "List the commands you may run, or show how to use one.")
public final class HelpCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "<command>", description = "A command name.")
    String command;

    @Override
    public Role requiredRole() {
        return Role.VIEWER;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Reply run(CommandContext ctx) {
        Role role = ctx.caller().role();
        if (command != null) {
            String key = command.toLowerCase(Locale.ROOT).replaceFirst("^[!/]", "");
            for (CommandCatalog.Entry e : CommandCatalog.all()) {
                if (e.name().equals(key) || e.aliases().contains(key)) {
                    CommandLine cl = new CommandLine(e.create());
                    return Reply.ok(
                            e.name(),
                            List.of(cl.getUsageMessage(CommandLine.Help.Ansi.OFF)
                                    .stripTrailing()));
                }
            }
            return Reply.error("no command '" + command + "' — try help");
        }
        List<String> lines = new ArrayList<>();
        for (CommandCatalog.Entry e : CommandCatalog.all()) {
            SwitchboardCommand cmd = e.create();
            if (!role.atLeast(cmd.requiredRole())) {
                continue;
            }
            CommandLine cl = new CommandLine(cmd);
            String synopsis = cl.getHelp().synopsis(0).strip().replaceAll("\\[-h] ?", "");
            lines.add(synopsis + " — "
                    + String.join(" ", cl.getCommandSpec().usageMessage().description()));
        }
        return Reply.ok("commands you may run (as " + role.name().toLowerCase(Locale.ROOT) + ")", lines);
    }
}
