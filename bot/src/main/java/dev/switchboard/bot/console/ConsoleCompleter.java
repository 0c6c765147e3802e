package dev.switchboard.bot.console;

import dev.switchboard.commands.CommandInfo;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the console: command names first; then agent names and aliases where an agent goes
 * ({@code msg}, {@code onboard}, {@code queue pause|resume}), {@code queue}'s subcommands, and the short ids
 * of recent messages where an id goes ({@code status}, {@code ack}, {@code queue retry|cancel}).
 */
final class ConsoleCompleter implements Completer {
    private static final Set<String> TAKES_AGENT = Set.of("msg", "send", "onboard");
    private static final Set<String> TAKES_ID = Set.of("status", "ack");
    private static final List<String> QUEUE = List.of("list", "retry", "cancel", "pause", "resume", "purge-dead");

    private final CommandSet commands;
    private List<String> names;

    ConsoleCompleter(CommandSet commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int at = line.wordIndex();
        if (at == 0) {
            for (String name : commandNames()) {
                candidates.add(new Candidate(name));
            }
            return;
        }
        String command = words.get(0).replaceFirst("^[!/]", "").toLowerCase(Locale.ROOT);
        String sub = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        if ((TAKES_AGENT.contains(command) && at == 1)
                || (command.equals("queue") && at == 2 && (sub.equals("pause") || sub.equals("resume")))) {
            commands.completeAgent("").forEach(a -> candidates.add(new Candidate(a)));
        } else if (command.equals("queue") && at == 1) {
            QUEUE.forEach(q -> candidates.add(new Candidate(q)));
        } else if ((TAKES_ID.contains(command) && at == 1)
                || (command.equals("queue") && at == 2 && (sub.equals("retry") || sub.equals("cancel")))) {
            for (QueuedMessage m : commands.services().queue().list(List.of(), null, 50)) {
                candidates.add(new Candidate(
                        MessageIds.shortForm(m.id()),
                        MessageIds.shortForm(m.id()),
                        null,
                        m.agent() + " · " + m.state().label(),
                        null,
                        null,
                        true));
            }
        }
    }

    private List<String> commandNames() {
        if (names == null) {
            List<String> all = new ArrayList<>();
            for (CommandInfo c : commands.commands()) {
                all.add(c.name());
                all.addAll(List.of(c.spec().aliases()));
            }
            all.addAll(List.of("quit", "exit"));
            names = all;
        }
        return names;
    }
}
