package dev.switchboard.commands;

import dev.switchboard.commands.builtin.AckCommand;
import dev.switchboard.commands.builtin.AgentsCommand;
import dev.switchboard.commands.builtin.BroadcastCommand;
import dev.switchboard.commands.builtin.GasCommand;
import dev.switchboard.commands.builtin.HelpCommand;
import dev.switchboard.commands.builtin.MsgCommand;
import dev.switchboard.commands.builtin.OnboardCommand;
import dev.switchboard.commands.builtin.PeekCommand;
import dev.switchboard.commands.builtin.ProgressCommand;
import dev.switchboard.commands.builtin.QueueCommand;
import dev.switchboard.commands.builtin.ReplyCommand;
import dev.switchboard.commands.builtin.SayCommand;
import dev.switchboard.commands.builtin.StatusCommand;
import java.util.List;
import java.util.function.Supplier;

/** Every command Switchboard has, in one place. */
public final class CommandCatalog {
    /** A command's name, aliases, and how to make a fresh instance for one invocation. */
    public record Entry(String name, List<String> aliases, Supplier<SwitchboardCommand> factory) {
        public SwitchboardCommand create() {
            return factory.get();
        }
    }

    private CommandCatalog() {}

    public static List<Entry> all() {
        return List.of(
                new Entry("msg", List.of("send"), MsgCommand::new),
                new Entry("broadcast", List.of(), BroadcastCommand::new),
                new Entry("status", List.of(), StatusCommand::new),
                new Entry("agents", List.of(), AgentsCommand::new),
                new Entry("queue", List.of(), QueueCommand::new),
                new Entry("ack", List.of(), AckCommand::new),
                new Entry("onboard", List.of(), OnboardCommand::new),
                new Entry("peek", List.of(), PeekCommand::new),
                new Entry("reply", List.of(), ReplyCommand::new),
                new Entry("say", List.of(), SayCommand::new),
                new Entry("gas", List.of(), GasCommand::new),
                new Entry("progress", List.of(), ProgressCommand::new),
                new Entry("help", List.of(), HelpCommand::new));
    }
}
