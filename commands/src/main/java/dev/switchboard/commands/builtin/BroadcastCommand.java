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

@Command(name = "broadcast", description = "Send text to every agent (or to every agent with a tag).")
public final class BroadcastCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    @Option(
            names = {"-p", "--priority"},
            paramLabel = "<priority>",
            description = "urgent, high, normal (default) or low.")
    Priority priority = Priority.NORMAL;

    @Option(
            names = {"-t", "--tag"},
            paramLabel = "<tag>",
            description = "Only agents with this tag.")
    String tag;

    @Parameters(arity = "1..*", paramLabel = "<text>", description = "The message, exactly as typed.")
    List<String> text;

    @Override
    public Role requiredRole() {
        return Role.OPERATOR;
    }

    @Override
    public int positionalsBeforeText() {
        return 0;
    }

    @Override
    public Reply run(CommandContext ctx) {
        Recipient to = tag == null ? Recipient.broadcast() : Recipient.group(tag);
        return Queued.submit(ctx, to, MessageType.BROADCAST, priority, String.join(" ", text));
    }
}
