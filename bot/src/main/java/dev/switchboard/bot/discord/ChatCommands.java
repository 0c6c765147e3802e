package dev.switchboard.bot.discord;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandInfo;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;
import java.util.List;

/** What the bridge asks of the command layer; {@link #of(CommandSet)} is the real one, tests may fake it. */
public interface ChatCommands {
    Reply executeChat(String lineWithoutPrefix, Caller caller);

    Reply execute(List<String> args, Caller caller);

    List<String> completeAgent(String prefix);

    List<CommandInfo> commands();

    static ChatCommands of(CommandSet set) {
        return new ChatCommands() {
            @Override
            public Reply executeChat(String line, Caller caller) {
                return set.executeChat(line, caller);
            }

            @Override
            public Reply execute(List<String> args, Caller caller) {
                return set.execute(args, caller);
            }

            @Override
            public List<String> completeAgent(String prefix) {
                return set.completeAgent(prefix);
            }

            @Override
            public List<CommandInfo> commands() {
                return set.commands();
            }
        };
    }
}
