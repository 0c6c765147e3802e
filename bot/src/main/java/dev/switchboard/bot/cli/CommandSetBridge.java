package dev.switchboard.bot.cli;

import dev.switchboard.bot.App;
import dev.switchboard.bot.DataDirLock;
import dev.switchboard.bot.Main;
import dev.switchboard.bot.console.ConsoleBridge;
import dev.switchboard.bot.console.SavedPictures;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandCatalog;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.events.ChangeNudge;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.queue.QueueException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * Runs a chat command given as the shell split it ({@code send Agent-2 -- --help me}) through the command
     * set, so that the CLI follows the same text rule as chat; prints the reply and returns the exit code.
     */
    public int runChatCommand(List<String> args, PrintWriter out, PrintWriter err) {
        SwitchboardConfig cfg;
        try {
            cfg = readOnly(args) ? main.loadConfigForReading(err::println) : main.loadConfigForCommand();
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            err.flush();
            return 1;
        }
        boolean fresh = !Files.exists(cfg.dataDir());
        Reply reply = null;
        try (App app = App.forCommands(cfg)) {
            reply = app.commands().execute(args, Caller.local(Platform.CLI));
            return print(cfg, reply, out, err);
        } catch (QueueException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            // (the queue is closed by now) a look at a queue that did not exist must not leave one behind
            if (fresh && (reply == null || reply.messageIds().isEmpty())) {
                removeEmptyQueue(cfg.dataDir());
            }
        }
    }

    /** Whether the command named by {@code args} only reads (it then works with a broken config file too). */
    private static boolean readOnly(List<String> args) {
        return CommandCatalog.all().stream()
                .filter(e -> e.name().equals(args.get(0)) || e.aliases().contains(args.get(0)))
                .findFirst()
                .map(e -> {
                    SwitchboardCommand top = e.create();
                    if (!top.readOnly() && !hasSubcommands(top)) {
                        // msg, ack, reply …: whether a command only reads is a property of its class, so with
                        // no subcommand to look for the answer needs no picocli model of it (the command set
                        // builds its own to run it).
                        return false;
                    }
                    try {
                        ParseResult p = CommandSet.newCommandLine(top)
                                .parseArgs(args.subList(1, args.size()).toArray(String[]::new));
                        while (p.hasSubcommand()) {
                            p = p.subcommand();
                        }
                        return p.commandSpec().userObject() instanceof SwitchboardCommand c && c.readOnly();
                    } catch (CommandLine.ParameterException notParsed) {
                        return false;
                    }
                })
                .orElse(false);
    }

    private static boolean hasSubcommands(SwitchboardCommand command) {
        CommandLine.Command annotation = command.getClass().getAnnotation(CommandLine.Command.class);
        return annotation == null || annotation.subcommands().length > 0;
    }

    private static int print(SwitchboardConfig cfg, Reply reply, PrintWriter out, PrintWriter err) {
        String text = ConsoleBridge.render(reply);
        if (reply.isOk()) {
            // Before anything else: the running service delivers while this process still prints and exits.
            ChangeNudge.nudge(cfg.dataDir());
            out.println(text);
            SavedPictures.save(reply, cfg.dataDir(), java.time.Clock.systemUTC())
                    .forEach(out::println);
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
                parsed.commandSpec()
                        .commandLine()
                        .usage(parsed.commandSpec().commandLine().getOut());
                return 0;
            }
            return new CommandLine.RunLast().execute(parsed);
        }
        PrintWriter out = parsed.commandSpec().commandLine().getOut();
        PrintWriter err = parsed.commandSpec().commandLine().getErr();
        SwitchboardConfig cfg;
        try {
            cfg = command.readOnly() ? main.loadConfigForReading(err::println) : main.loadConfigForCommand();
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return 1;
        }
        String name = deepest.commandSpec().qualifiedName(" ").replaceFirst("^switchboard ", "");
        boolean fresh = !Files.exists(cfg.dataDir());
        Reply reply = null;
        try (App app = App.forCommands(cfg)) {
            reply = app.commands().invoke(command, name, Caller.local(Platform.CLI));
            return print(cfg, reply, out, err);
        } catch (QueueException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            if (fresh && (reply == null || reply.messageIds().isEmpty())) {
                removeEmptyQueue(cfg.dataDir());
            }
        }
    }

    /** Deletes the queue files just created and the folder, if nothing else (a saved picture) is in it. */
    static void removeEmptyQueue(Path dataDir) {
        try {
            for (String f : List.of("queue.db", "queue.db-wal", "queue.db-shm", "queue.db-journal")) {
                Files.deleteIfExists(dataDir.resolve(f));
            }
            Files.deleteIfExists(dataDir);
        } catch (DirectoryNotEmptyException e) {
            // something worth keeping is in it
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(CommandSetBridge.class)
                    .warn("could not remove the empty queue in {}: {}", dataDir, e.getMessage());
        }
    }
}
