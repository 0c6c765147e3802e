package dev.switchboard.bot.cli;

import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.bot.Main;
import dev.switchboard.bot.console.ConsoleBridge;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.queue.QueueException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Lets picocli run the chat command set from the terminal: {@code switchboard queue retry 3f2a} is the same
 * command as {@code !queue retry 3f2a} in chat, run as the local admin on the configured data directory.
 * Everything else ({@code run}, {@code config}, {@code calibrate}) runs as an ordinary picocli command.
 */
public final class CommandSetBridge implements CommandLine.IExecutionStrategy {
    private final Main main;

    public CommandSetBridge(Main main) {
        this.main = main;
    }

    @Override
    public int execute(ParseResult parsed) {
        if (CommandLine.executeHelpRequest(parsed) != null) {
            return 0;
        }
        ParseResult deepest = parsed;
        while (deepest.hasSubcommand()) {
            deepest = deepest.subcommand();
        }
        if (!(deepest.commandSpec().userObject() instanceof SwitchboardCommand command)) {
            if (deepest == parsed) {
                parsed.commandSpec().commandLine().usage(parsed.commandSpec().commandLine().getOut());
                return 0;
            }
            return new CommandLine.RunLast().execute(parsed);
        }
        PrintWriter out = parsed.commandSpec().commandLine().getOut();
        PrintWriter err = parsed.commandSpec().commandLine().getErr();
        SwitchboardConfig cfg;
        try {
            cfg = command.readOnly() ? main.loadConfigForReading(err::println) : main.loadConfig();
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return 1;
        }
        String name = deepest.commandSpec().qualifiedName(" ").replaceFirst("^switchboard ", "");
        try (App app = App.forCommands(cfg)) {
            Reply reply = app.commands().invoke(command, name, Caller.local(Platform.CLI));
            String text = ConsoleBridge.render(reply);
            if (reply.isOk()) {
                out.println(text);
                if (!reply.messageIds().isEmpty() && !DataDirLock.isHeld(cfg.dataDir())) {
                    out.println("note: no 'switchboard run' is using " + cfg.dataDir()
                            + "; the message waits in the queue until one starts");
                }
            } else {
                // A refusal is one line, also when it quotes what was typed (a line break in an argument).
                err.println(text.strip().replaceAll("\\R+", " · "));
            }
            out.flush();
            err.flush();
            return switch (reply.status()) {
                case OK -> 0;
                case ERROR -> 1;
                case USAGE -> 2;
                case DENIED -> 3;
            };
        } catch (QueueException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
