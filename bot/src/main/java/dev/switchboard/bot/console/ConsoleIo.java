package dev.switchboard.bot.console;

import java.io.IOException;

/** Where the console reads commands and writes lines: a line editor on a terminal, or plain streams. */
public interface ConsoleIo extends AutoCloseable {
    /** The next complete command (or a refused one), or null at the end of input. */
    ConsoleLines.Command read() throws IOException;

    /** Prints one reply or status line (several lines allowed); on a terminal above what is being typed. */
    void print(String text);

    /** True on a terminal (a person types); false on piped input (a script), whose end waits for outcomes. */
    default boolean interactive() {
        return false;
    }

    @Override
    void close();
}
