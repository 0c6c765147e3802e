package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.core.message.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "gas",
        description = "Send an agent a gas prompt by hand (default: the keep-going prompt);"
                + " announced in the status channel.")
public final class GasCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    @Parameters(index = "0", paramLabel = "<agent>", description = "Agent id or alias.")
    String agent;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "<text>", description = "The prompt.")
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
        String id = ctx.services().requireGas().manual(agent, text == null ? null : String.join(" ", text));
        return new Reply(
                Reply.Status.OK,
                "gas " + Formats.shortId(id) + " for "
                        + Formats.agent(ctx.services().agents(), agent).id(),
                List.of(),
                List.of(id));
    }
}
