package dev.switchboard.bot.console;

import dev.switchboard.commands.CommandSet;
import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The console on a terminal, with JLine's line editor: history kept in the data directory ({@code Up},
 * {@code Ctrl-R}), tab completion ({@link ConsoleCompleter}), a line ending in {@code \} continues below, and
 * status lines are printed above the line being typed, which is redrawn.
 */
public final class JLineConsoleIo implements ConsoleIo {
    public static final String HISTORY_FILE = "console_history";
    private static final String PROMPT = "switchboard> ";

    private final Terminal terminal;
    private final LineReader reader;

    private JLineConsoleIo(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /** A line editor on the process's terminal; throws when there is none to drive. */
    public static JLineConsoleIo open(CommandSet commands, Path dataDir) throws IOException {
        Terminal terminal =
                TerminalBuilder.builder().system(true).name("switchboard").build();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("switchboard")
                .parser(new ContinuationParser())
                .completer(new ConsoleCompleter(commands))
                .variable(LineReader.HISTORY_FILE, dataDir.resolve(HISTORY_FILE))
                .variable(LineReader.HISTORY_SIZE, 1_000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ")
                .build();
        // "!msg …" is a command, not a history event (bash's !-expansion would rewrite it).
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        return new JLineConsoleIo(terminal, reader);
    }

    @Override
    public ConsoleLines.Command read() {
        while (true) {
            try {
                return ConsoleLines.fromEditor(reader.readLine(PROMPT));
            } catch (UserInterruptException e) {
                // Ctrl-C while typing drops the line, as in a shell; Ctrl-D on an empty line stops.
                if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
                    return null;
                }
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public void print(String text) {
        reader.printAbove(text);
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the terminal: " + e.getMessage(), e);
        }
    }

    /** Accepts a line unless its last line ends in a single backslash: then the editor opens a next line. */
    static final class ContinuationParser extends DefaultParser {
        ContinuationParser() {
            setEscapeChars(new char[0]); // backslashes are the text's own; only the last one matters
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE) {
                String last = line.substring(line.lastIndexOf('\n') + 1);
                if (last.endsWith("\\") && !last.endsWith("\\\\")) {
                    throw new EOFError(-1, -1, "continued on the next line");
                }
            }
            return super.parse(line, cursor, context);
        }
    }
}
