package dev.switchboard.bot.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * The console on plain streams: standard input that is not a terminal (a pipe, a FIFO, a service's
 * {@code /dev/null}), read as bounded lines by {@link ConsoleLines}.
 */
public final class PlainConsoleIo implements ConsoleIo {
    private final ConsoleLines lines;
    private final PrintWriter out;

    public PlainConsoleIo(InputStream in, PrintWriter out) {
        this.lines = new ConsoleLines(in);
        this.out = out;
    }

    @Override
    public ConsoleLines.Command read() throws IOException {
        return lines.next();
    }

    @Override
    public synchronized void print(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
