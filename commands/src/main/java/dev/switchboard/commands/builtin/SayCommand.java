package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.commands.answers.AgentAnswer;
import dev.switchboard.commands.answers.AnswerRefused;
import dev.switchboard.core.message.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "say", description = "Say something as an agent: to the status channel, or to another agent.")
public final class SayCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    @Option(names = "--as", required = true, paramLabel = "<agent>", description = "The agent who speaks.")
    String as;

    @Option(
            names = "--to",
            paramLabel = "<agent>",
            description = "Send it to this agent instead of the status channel.")
    String to;

    @Parameters(arity = "1..*", paramLabel = "<text>", description = "What to say.")
    List<String> text;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public int positionalsBeforeText() {
        return 0;
    }

    @Override
    public Reply run(CommandContext ctx) {
        try {
            return Reply.ok(ctx.services()
                    .requireAnswers()
                    .take(new AgentAnswer(as, null, to, String.join(" ", text), "switchboard say"))
                    .summary());
        } catch (AnswerRefused e) {
            return Reply.error(e.getMessage());
        }
    }
}
