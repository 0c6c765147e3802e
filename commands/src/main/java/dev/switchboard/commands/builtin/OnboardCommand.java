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
import picocli.CommandLine.Parameters;

@Command(name = "onboard", description = "Start an agent on a fresh chat with its onboarding text.")
public final class OnboardCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    static final String DEFAULT_TEXT = """
            You are %s, one agent of a team steered through Switchboard.
            Messages reach you in this chat or as files in your inbox folder; move each inbox file to \
            inbox/processed/ (or run `switchboard ack <id>`) once you have read it.
            To answer, write a Markdown file into your outbox folder. Keep working on your current task.""";

    @Parameters(index = "0", paramLabel = "<agent>", description = "Agent id or alias.")
    String agent;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "<text>",
            description = "Onboarding text (default: a built-in introduction).")
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
    public boolean requiresText() {
        return false;
    }

    @Override
    public Reply run(CommandContext ctx) {
        String id = Formats.agent(ctx.services().agents(), agent).id();
        String body = text == null || text.isEmpty() ? DEFAULT_TEXT.formatted(id) : String.join(" ", text);
        return Queued.submit(ctx, Recipient.agent(id), MessageType.ONBOARDING, Priority.HIGH, body);
    }
}
