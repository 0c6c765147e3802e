package dev.switchboard.bot.twitch;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;

/** The shared command set as the Twitch handler uses it; a seam so the handler is tested on its own. */
interface ChatCommands {
    boolean isCommand(String name);

    /** @param line the chat text without its {@code !} */
    Reply executeChat(String line, Caller caller);

    static ChatCommands of(CommandSet commands) {
        return new ChatCommands() {
            @Override
            public boolean isCommand(String name) {
                return commands.isCommand(name);
            }

            @Override
            public Reply executeChat(String line, Caller caller) {
                return commands.executeChat(line, caller);
            }
        };
    }
}
