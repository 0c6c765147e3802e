package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "msg", aliases = "send", description = "Send text to one agent (by name or alias, any case).")
public final class MsgCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    @Option(names = {"-p", "--priority"}, paramLabel = "<priority>",
            description = "urgent, high, normal (default) or low.")
    Priority priority = Priority.NORMAL;

    @Parameters(index = "0", paramLabel = "<agent>", description = "Agent id or alias, e.g. Agent-2.")
    String agent;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<text>", description = "The message, exactly as typed.")
    List<String> text;

    @Override
    public Role requiredRole() {
        return Role.OPERATOR;
    }

    @Override
    public int positionalsBeforeText() {
        return 1;
    }

    @Override
    public Reply run(CommandContext ctx) {
        return Queued.submit(ctx, Recipient.agent(agent), MessageType.TEXT, priority, String.join(" ", text));
    }
}
