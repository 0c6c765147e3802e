package dev.switchboard.bot.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Console commands read from a byte stream (a pipe, a FIFO, a terminal without a line editor), with limits:
 * <ul>
 *   <li>a line ends only at {@code \n} ({@code \r\n} counts as one): a bare {@code \r} stays inside the
 *       line, which is then refused, so it can never start a second command;</li>
 *   <li>a line longer than {@link #MAX_LINE_BYTES}, or a command continued over more than
 *       {@link #MAX_COMMAND_BYTES}, is refused and the rest of it drained, without ever holding it in memory;</li>
 *   <li>bytes that are not UTF-8 refuse the line (they are not turned into U+FFFD);</li>
 *   <li>a line ending in a single {@code \} continues on the next line (the newline is kept); {@code \\} at
 *       the end is one backslash and ends the command.</li>
 * </ul>
 */
public final class ConsoleLines {
    /** Far above any message limit (text is at most a few thousand characters), far below what hurts memory. */
    public static final int MAX_LINE_BYTES = 256 * 1024;

    public static final int MAX_COMMAND_BYTES = 1024 * 1024;

    /** One complete command, or the one-line reason it was refused (then {@code text} is null). */
    public record Command(String text, String refusal) {
        static Command refused(String why) {
            return new Command(null, why);
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private boolean eof;

    public ConsoleLines(InputStream in) {
        this.in = in;
    }

    /** The next command, or null at the end of input. */
    public Command next() throws IOException {
        StringBuilder command = new StringBuilder();
        boolean continued = false;
        String refusal = null;
        while (true) {
            RawLine raw = readLine();
            if (raw == null) {
                if (!continued) {
                    return null;
                }
                // Input ended after a continuation line: the command is complete as far as it goes.
                return refusal != null ? Command.refused(refusal) : new Command(command.toString(), null);
            }
            if (refusal == null) {
                refusal = problem(raw, command.length());
            }
            String line = refusal == null ? raw.text() : "";
            if (line.endsWith("\\\\")) {
                command.append(line, 0, line.length() - 1);
                break;
            }
            if (line.endsWith("\\") || (refusal != null && raw.endsWithBackslash())) {
                command.append(line, 0, Math.max(0, line.length() - 1)).append('\n');
                continued = true;
                continue;
            }
            command.append(line);
            break;
        }
        return refusal != null ? Command.refused(refusal) : new Command(command.toString(), null);
    }

    /**
     * A command as a line editor hands it over (its lines joined by newlines, each continued line still ending
     * in its backslash): the same continuation, escape and limits as for a stream.
     */
    public static Command fromEditor(String buffer) {
        try {
            Command c =
                    new ConsoleLines(new java.io.ByteArrayInputStream(buffer.getBytes(StandardCharsets.UTF_8))).next();
            return c != null ? c : new Command("", null); // Enter on an empty line is not the end of input
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory", e);
        }
    }

    private static String problem(RawLine raw, int soFar) {
        if (raw.tooLong()) {
            return "the line is longer than " + MAX_LINE_BYTES / 1024 + " KB; nothing was done";
        }
        if (raw.text() == null) {
            return "the line is not valid UTF-8 text; nothing was done";
        }
        if (soFar + raw.text().length() > MAX_COMMAND_BYTES) {
            return "the command is longer than " + MAX_COMMAND_BYTES / 1024 + " KB; nothing was done";
        }
        int cr = raw.text().indexOf('\r');
        if (cr >= 0) {
            return "the line contains a carriage return (U+000D) at position " + cr
                    + "; only newlines end a line; nothing was done";
        }
        return null;
    }

    /** A line as read: its text (null when not UTF-8), whether it was cut for length. */
    private record RawLine(String text, boolean tooLong, boolean endsWithBackslash) {}

    private RawLine readLine() throws IOException {
        byte[] line = new byte[256];
        int length = 0;
        boolean tooLong = false;
        byte last = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (length == 0 && !tooLong) {
                    return null;
                }
                break;
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                break;
            }
            last = b;
            if (length < MAX_LINE_BYTES) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
                }
                line[length++] = b;
            } else {
                tooLong = true; // drained: counted, not kept
            }
        }
        if (tooLong) {
            return new RawLine("", true, last == '\\');
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--; // \r\n is one line end
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, length))
                    .toString();
            return new RawLine(text, false, text.endsWith("\\"));
        } catch (CharacterCodingException e) {
            return new RawLine(null, false, length > 0 && line[length - 1] == '\\');
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer);
        if (n <= 0) {
            eof = n < 0;
            return !eof && fill();
        }
        pos = 0;
        limit = n;
        return true;
    }
}
