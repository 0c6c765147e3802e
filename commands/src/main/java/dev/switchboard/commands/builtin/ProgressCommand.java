package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.commands.gas.GasPipeline;
import dev.switchboard.core.message.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "progress",
        description = "Report an agent's progress (as its status.json would); prompts at 75," + " 90 and 100 %.")
public final class ProgressCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    @Parameters(index = "0", paramLabel = "<agent>", description = "Agent id or alias.")
    String agent;

    @Parameters(index = "1", paramLabel = "<percent>", description = "0 to 100.")
    int percent;

    @Parameters(
            index = "2..*",
            arity = "0..*",
            paramLabel = "<task>",
            description = "The task (default: the last one).")
    List<String> task;

    @Override
    public Role requiredRole() {
        return Role.OPERATOR;
    }

    @Override
    public int positionalsBeforeText() {
        return 2;
    }

    @Override
    public Reply run(CommandContext ctx) {
        GasPipeline.Outcome o = ctx.services()
                .requireGas()
                .progress(
                        agent,
                        percent,
                        task == null || task.isEmpty()
                                ? null
                                : String.join(" ", task).strip());
        return Reply.ok(o.summary());
    }
}
