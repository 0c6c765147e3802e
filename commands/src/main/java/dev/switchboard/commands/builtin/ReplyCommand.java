package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.commands.answers.AgentAnswer;
import dev.switchboard.commands.answers.AnswerIntake;
import dev.switchboard.commands.answers.AnswerRefused;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueuedMessage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "reply",
        description = "Answer a message as the agent it was sent to; the answer goes where the" + " message came from.")
public final class ReplyCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    @Option(names = "--as", paramLabel = "<agent>", description = "Answer as this agent (default: the recipient).")
    String as;

    @Option(names = "--to", paramLabel = "<agent>", description = "Send the answer to this agent instead.")
    String to;

    @Parameters(index = "0", paramLabel = "<id>", description = "The message answered (#2af0 or full id).")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<text>", description = "The answer.")
    List<String> text;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public int positionalsBeforeText() {
        return 1;
    }

    @Override
    public Reply run(CommandContext ctx) {
        AnswerIntake intake = ctx.services().requireAnswers();
        String agent = as;
        if (agent == null) {
            String ref = id.startsWith("#") ? id.substring(1) : id;
            agent = ctx.services()
                    .queue()
                    .find(ref)
                    .map(QueuedMessage::agent)
                    .orElseThrow(() -> new IllegalArgumentException("no message #" + ref));
        }
        try {
            return Reply.ok(intake.take(new AgentAnswer(agent, id, to, String.join(" ", text), "switchboard reply"))
                    .summary());
        } catch (AnswerRefused e) {
            return Reply.error(e.getMessage());
        }
    }
}
