package dev.switchboard.commands;

import dev.switchboard.commands.parse.ChatTokenizer;
import dev.switchboard.commands.parse.TextArgs;
import dev.switchboard.core.agents.AgentRegistry;
import dev.switchboard.core.message.IllegalTransitionException;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueueClosedException;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.queue.UnknownMessageException;
import dev.switchboard.core.routing.RejectedException;
import dev.switchboard.core.snapshot.SnapshotSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Runs the one command set for every front-end. Chat text ({@code msg Agent-2 rerun the tests}) and
 * pre-split arguments (CLI, slash commands) go through the same picocli definitions, the same
 * authorization and the same error handling, and come back as a platform-neutral {@link Reply}.
 */
public final class CommandSet {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSet.class);

    private final CommandServices services;
    private final List<CommandCatalog.Entry> entries;

    public CommandSet(CommandServices services) {
        this(services, CommandCatalog.all());
    }

    public CommandSet(CommandServices services, List<CommandCatalog.Entry> entries) {
        this.services = services;
        this.entries = List.copyOf(entries);
    }

    public CommandServices services() {
        return services;
    }

    /** Every command, for help lists and for building platform command menus. */
    public List<CommandInfo> commands() {
        return entries.stream()
                .map(e -> {
                    SwitchboardCommand cmd = e.create();
                    CommandSpec spec = newCommandLine(cmd).getCommandSpec();
                    String description = String.join(" ", spec.usageMessage().description());
                    return new CommandInfo(spec.name(), description, cmd.requiredRole(), spec);
                })
                .toList();
    }

    public boolean isCommand(String name) {
        return find(name).isPresent();
    }

    /** Agent ids and aliases matching what was typed so far (for autocomplete). */
    public List<String> completeAgent(String prefix) {
        return services.agents().complete(prefix);
    }

    /** Runs chat text without its prefix, e.g. {@code msg Agent-2 rerun the tests}. */
    public Reply executeChat(String line, Caller caller) {
        String text = line == null ? "" : line.replace("\r\n", "\n");
        try {
            ChatTokenizer words = new ChatTokenizer(text);
            String name = words.next();
            if (name == null) {
                return execute(List.of("help"), caller);
            }
            Optional<CommandCatalog.Entry> entry = find(name);
            if (entry.isEmpty()) {
                return unknownCommand(name);
            }
            SwitchboardCommand probe = entry.get().create();
            if (probe instanceof SwitchboardCommand.TakesText takesText) {
                return executeText(name, probe, takesText, TextArgs.of(words), caller);
            }
            List<String> args = new ArrayList<>();
            args.add(name);
            for (String w; (w = words.next()) != null; ) {
                args.add(w);
            }
            return parseAndRun(args, caller);
        } catch (IllegalArgumentException e) {
            return new Reply(Reply.Status.USAGE, e.getMessage(), List.of(), List.of());
        }
    }

    /**
     * Runs pre-split arguments: {@code ["queue", "retry", "3f2a"]} (the CLI, slash commands). Commands that
     * take text follow the same rule as chat ({@link TextArgs}); their text is the remaining arguments.
     */
    public Reply execute(List<String> args, Caller caller) {
        if (args.isEmpty()) {
            return execute(List.of("help"), caller);
        }
        Optional<CommandCatalog.Entry> entry = find(args.get(0));
        if (entry.isEmpty()) {
            return unknownCommand(args.get(0));
        }
        SwitchboardCommand probe = entry.get().create();
        if (probe instanceof SwitchboardCommand.TakesText takesText) {
            return executeText(args.get(0), probe, takesText, TextArgs.of(args.subList(1, args.size())), caller);
        }
        return parseAndRun(args, caller);
    }

    private Reply executeText(
            String name,
            SwitchboardCommand probe,
            SwitchboardCommand.TakesText takesText,
            TextArgs.Words words,
            Caller caller) {
        CommandLine cl = newCommandLine(probe);
        TextArgs.Split split = TextArgs.split(name, cl.getCommandSpec(), takesText.positionalsBeforeText(), words);
        boolean helpAsked = split.args().stream().anyMatch(a -> a.equals("-h") || a.equals("--help"));
        // Whether the text may be left out is the command's own declaration (onboard and progress have defaults).
        boolean textRequired = cl.getCommandSpec().positionalParameters().stream()
                .filter(p -> p.index().min() >= takesText.positionalsBeforeText())
                .anyMatch(p -> p.arity().min() > 0);
        if (!split.hasText() && textRequired && !helpAsked && split.positionalsComplete()) {
            // The same answer whether the text is missing, blank, or an empty argument, on every front-end.
            return new Reply(
                    Reply.Status.USAGE,
                    "the message text is empty",
                    List.of("usage: " + cl.getHelp().synopsis(0).strip()),
                    List.of());
        }
        // The probe's command line has only been looked at, never parsed: it parses the split (a second
        // picocli model of the same command would cost a CLI call several milliseconds).
        return parseAndRun(cl, split.args(), caller);
    }

    private Reply parseAndRun(List<String> args, Caller caller) {
        return parseAndRun(newCommandLine(find(args.get(0)).orElseThrow().create()), args, caller);
    }

    /** @param cl a fresh command line of the command named by {@code args.get(0)} */
    private Reply parseAndRun(CommandLine cl, List<String> args, Caller caller) {
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return usage(e.getMessage(), e.getCommandLine());
        }
        ParseResult deepest = parsed;
        while (deepest.hasSubcommand()) {
            deepest = deepest.subcommand();
        }
        CommandLine target = deepest.commandSpec().commandLine();
        if (deepest.isUsageHelpRequested()) {
            return Reply.ok(
                    target.getCommandSpec().qualifiedName(),
                    List.of(target.getUsageMessage().stripTrailing()));
        }
        SwitchboardCommand command = (SwitchboardCommand) deepest.commandSpec().userObject();
        return invoke(command, deepest.commandSpec().qualifiedName(" "), caller);
    }

    /**
     * Runs a command whose arguments picocli already parsed (the terminal CLI parses with its own root):
     * authorization and error handling as for chat.
     */
    public Reply invoke(SwitchboardCommand command, String qualifiedName, Caller caller) {
        Role needed = command.requiredRole();
        if (!caller.role().atLeast(needed)) {
            return Reply.denied("you are not allowed to run '" + qualifiedName + "' (needs "
                    + needed.name().toLowerCase(Locale.ROOT) + ")");
        }
        try {
            return command.run(new CommandContext(services, caller));
        } catch (RejectedException e) {
            return e.reason() == RejectedException.Reason.NOT_AUTHORIZED
                    ? Reply.denied(e.getMessage())
                    : Reply.error(e.getMessage());
        } catch (UnknownMessageException
                | IllegalTransitionException
                | IllegalArgumentException
                | SnapshotSource.SnapshotException e) {
            return Reply.error(e.getMessage());
        } catch (QueueClosedException e) {
            // Expected while Switchboard stops: one line, no trace per refused line.
            LOG.info("command {} refused: the queue is closed", qualifiedName);
            return Reply.error("Switchboard is stopping: the queue is closed; nothing was stored");
        } catch (QueueException e) {
            // One line: the queue writer logs the cause's trace once, not once per refused command.
            LOG.warn("command {} failed on the queue: {}", qualifiedName, e.getMessage());
            return Reply.error("the queue is unavailable: " + e.getMessage());
        }
    }

    private Reply usage(String problem, CommandLine where) {
        String synopsis = where.getHelp().synopsis(0).strip();
        return new Reply(Reply.Status.USAGE, problem, List.of("usage: " + synopsis), List.of());
    }

    private Reply unknownCommand(String name) {
        String shown = name.length() > 30 ? name.substring(0, 30) + "…" : name;
        Optional<String> close = entries.stream()
                .map(CommandCatalog.Entry::name)
                .min(Comparator.comparingInt(n -> AgentRegistry.distance(n, name.toLowerCase(Locale.ROOT))))
                .filter(n -> AgentRegistry.distance(n, name.toLowerCase(Locale.ROOT)) <= 2);
        return Reply.error("unknown command '" + shown + "'"
                + close.map(c -> " — did you mean " + c + "?").orElse(" — try help"));
    }

    private Optional<CommandCatalog.Entry> find(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(e -> e.name().equals(key) || e.aliases().contains(key))
                .findFirst();
    }

    public static CommandLine newCommandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        // Chat text may start with '@' (mentions): never read it as an @argument-file.
        cl.setExpandAtFiles(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setAbbreviatedOptionsAllowed(false);
        return cl;
    }
}
